#!/bin/sh
# Starts the built image's binary from the image's own file system (buildah
# run, chroot isolation: no container engine needed), waits until
# `mend healthcheck` inside the image passes, and prints the image's size.
# Usage: packaging/check-image.sh [IMAGE] [ADDR]
set -eu
image=${1:-localhost/mend:latest}
addr=${2:-127.0.0.1:18480}
ctr=$(buildah from "$image")
log=$(mktemp)
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	buildah rm "$ctr" >/dev/null
	rm -f "$log"
}
trap cleanup EXIT
buildah run --isolation chroot "$ctr" -- /mend version
buildah run --isolation chroot -e MEND_ADDR="$addr" "$ctr" -- /mend serve >"$log" 2>&1 &
pid=$!
i=0
until buildah run --isolation chroot -e MEND_ADDR="$addr" "$ctr" -- /mend healthcheck; do
	i=$((i + 1))
	if [ "$i" -ge 30 ]; then
		echo "the image's server did not become healthy:" >&2
		cat "$log" >&2
		exit 1
	fi
	sleep 1
done
grep -m1 'msg=serving' "$log"
buildah images --format '{{.Name}}:{{.Tag}} {{.Size}}' "$image"
