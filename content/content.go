// Package content embeds the guidance: practices, pages and the list of sources.
package content

import "embed"

// FS holds practices/*.md, pages/*.md and sources.yaml, for guidance.Load.
//
//go:embed practices pages sources.yaml
var FS embed.FS
