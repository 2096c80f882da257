#!/usr/bin/env bash
# Builds the Debian package (called by `make deb`):
#   Packaging/make-deb.sh STATIC_BINARY MANPAGE OUTPUT_FOLDER
# The binary must be linked with --static-swift-stdlib, so that the package runs on a Debian
# machine without Swift: it then needs only what `ldd` names, which becomes `Depends`.
set -euo pipefail
binary=${1:?usage: make-deb.sh STATIC_BINARY MANPAGE OUTPUT_FOLDER}
manpage=${2:?}
output=${3:?}
here=$(cd "$(dirname "$0")" && pwd)
name=iris-backup-audit
version=$("$binary" --version)
architecture=$(dpkg --print-architecture)
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime' >/dev/null; then
  echo "make-deb: $binary links the Swift runtime dynamically; build it with --static-swift-stdlib" >&2
  exit 1
fi
# Depends: the Debian package of every shared library ldd names.
depends=$(ldd "$binary" | awk '/=>/ { print $3 }' | while read -r library; do
  dpkg -S "$(readlink -f "$library")" 2>/dev/null || dpkg -S "$library" 2>/dev/null || true
done | cut -d: -f1 | sort -u | grep -v '^$' | paste -sd, - | sed 's/,/, /g')
for required in libpcre2-8-0 zlib1g libsqlite3-0; do
  case ", $depends, " in *", $required, "*) ;; *) depends="$depends, $required" ;; esac
done
depends=${depends#, }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
"$here/install.sh" "$binary" "$manpage" /usr "$stage" >/dev/null
gzip -9n "$stage/usr/share/man/man1/$name.1"
install -D -m 644 "$here/copyright" "$stage/usr/share/doc/$name/copyright"
mkdir -p "$stage/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Architecture: $architecture
Maintainer: iris-backup-audit developers <iris-backup-audit@localhost>
Installed-Size: $size
Depends: $depends
Section: admin
Priority: optional
Description: audits the backups of InterSystems IRIS clusters from their logs
 Reads every data server's messages.log, correlates the backup events (ExternalFreeze,
 ExternalThaw, Quiesce, Resume, journal checkpoints) into sessions, and says whether each
 backup was application-consistent, citing the log lines it rests on. Reports for scripts,
 auditors and monitoring (JSON, Markdown, HTML, JUnit, SARIF, Prometheus, Nagios).
CONTROL
mkdir -p "$output"
package="$output/${name}_${version}_${architecture}.deb"
dpkg-deb --root-owner-group --build "$stage" "$package" >/dev/null
echo "$package"
