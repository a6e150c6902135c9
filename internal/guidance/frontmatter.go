package guidance

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"
)

// readMarkdownFile reads a file and splits it into its front matter (parsed
// as a YAML mapping) and its Markdown body.
func readMarkdownFile(fsys fs.FS, file string, probs *problems) (*yaml.Node, string, bool) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		probs.add(file, "", "cannot read: %v", unwrapPath(err))
		return nil, "", false
	}
	fm, body, err := splitFrontMatter(data)
	if err != nil {
		probs.add(file, "front matter", "%v", err)
		return nil, "", false
	}
	var root yaml.Node
	if err := yaml.Unmarshal(fm, &root); err != nil {
		probs.add(file, "front matter", "invalid YAML: %v", err)
		return nil, "", false
	}
	if root.Kind == 0 { // empty front matter
		return &yaml.Node{Kind: yaml.MappingNode}, body, true
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		probs.add(file, "front matter", "want a YAML mapping of fields")
		return nil, "", false
	}
	return root.Content[0], body, true
}

// splitFrontMatter splits "---\n<yaml>\n---\n<body>".
func splitFrontMatter(data []byte) (fm []byte, body string, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	const delim = "---\n"
	if !bytes.HasPrefix(data, []byte(delim)) {
		return nil, "", errors.New(`missing: the file must start with a "---" line`)
	}
	rest := data[len(delim):]
	if bytes.HasPrefix(rest, []byte(delim)) { // empty front matter
		return nil, string(rest[len(delim):]), nil
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			return rest[:len(rest)-len("\n---")], "", nil
		}
		return nil, "", errors.New(`not closed: want a "---" line after the fields`)
	}
	return rest[:end+1], string(rest[end+len("\n---\n"):]), nil
}

// fieldSpec says where a front-matter field goes and what it must look like:
// a string (str) or a list of strings (list) with min..max items (max 0 = no limit).
// A required list must be present even when it may be empty.
type fieldSpec struct {
	name     string
	str      *string
	required bool
	list     *[]string
	min, max int
}

// decodeFields decodes a YAML mapping field by field, so that every problem
// is reported against its field, and rejects unknown and repeated fields.
func decodeFields(node *yaml.Node, file string, probs *problems, specs []fieldSpec) {
	if node.Kind != yaml.MappingNode {
		probs.add(file, "", "want a mapping of fields, got %s", kindName(node))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, val := node.Content[i].Value, node.Content[i+1]
		spec := findSpec(specs, key)
		switch {
		case spec == nil:
			names := make([]string, len(specs))
			for j, s := range specs {
				names[j] = s.name
			}
			probs.add(file, key, "unknown field (want one of %s)", strings.Join(names, ", "))
			continue
		case seen[key]:
			probs.add(file, key, "given twice")
			continue
		}
		seen[key] = true
		if spec.str != nil {
			if val.Kind != yaml.ScalarNode {
				probs.add(file, key, "want text, got %s", kindName(val))
				continue
			}
			*spec.str = strings.TrimSpace(scalarValue(val))
			continue
		}
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			continue // reported below as too few items
		}
		if val.Kind != yaml.SequenceNode {
			probs.add(file, key, "want a list, got %s", kindName(val))
			continue
		}
		items := make([]string, 0, len(val.Content))
		for j, item := range val.Content {
			if item.Kind != yaml.ScalarNode {
				probs.add(file, key, "item %d: want text, got %s", j+1, kindName(item))
				continue
			}
			s := strings.TrimSpace(scalarValue(item))
			if s == "" {
				probs.add(file, key, "item %d is empty", j+1)
				continue
			}
			items = append(items, s)
		}
		*spec.list = items
	}
	for _, s := range specs {
		switch {
		case s.str != nil && s.required && *s.str == "":
			if seen[s.name] {
				probs.add(file, s.name, "empty")
			} else {
				probs.add(file, s.name, "missing")
			}
		case s.list != nil:
			n := len(*s.list)
			switch {
			case (n < s.min || s.required) && !seen[s.name]:
				probs.add(file, s.name, "missing")
			case n < s.min:
				probs.add(file, s.name, "%d item(s) (want at least %d)", n, s.min)
			case s.max > 0 && n > s.max:
				probs.add(file, s.name, "%d items (want at most %d)", n, s.max)
			}
		}
	}
}

func findSpec(specs []fieldSpec, name string) *fieldSpec {
	for i := range specs {
		if specs[i].name == name {
			return &specs[i]
		}
	}
	return nil
}

// scalarValue returns a scalar's text; a YAML null (`title:` or `~`) is empty.
func scalarValue(n *yaml.Node) string {
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	default:
		return "text"
	}
}
