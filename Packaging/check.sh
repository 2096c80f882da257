#!/usr/bin/env bash
# The packaging test (`make test` runs it after the Swift tests): `make install` into a
# temporary DESTDIR leaves a working binary, a man page that `man -l` renders with every
# option of every subcommand, and the three completion files; `make uninstall` removes them;
# `make deb` writes a package whose binary names no Swift library in `ldd` and audits the
# bundled sample from the unpacked package alone. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 3
passed=0
failed=0
check() {
  local description=$1
  shift
  if "$@" >/dev/null 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "packaging: FAILED: $description" >&2
  fi
}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root

make --no-print-directory install PREFIX=/usr DESTDIR="$root" >"$scratch/install.log" 2>&1
check "make install succeeds" test $? -eq 0
check "the binary is installed and runs" "$root/usr/bin/iris-backup-audit" --version
check "the man page is installed" test -s "$root/usr/share/man/man1/iris-backup-audit.1"
LC_ALL=C man -l "$root/usr/share/man/man1/iris-backup-audit.1" >"$scratch/man.txt" 2>/dev/null
check "man -l renders the man page" test -s "$scratch/man.txt"
# Every option of every subcommand, as --help lists it, is in the rendered page.
for subcommand in audit watch events simulate rules; do
  "$root/usr/bin/iris-backup-audit" "$subcommand" --help 2>/dev/null \
    | grep -oE '^ +(-[a-z], )?--[a-z-]+' | grep -oE -- '--[a-z-]+' | sort -u \
    | while read -r option; do
      [ "$option" = --help ] && continue
      grep -q -- "$option" "$scratch/man.txt" || echo "$subcommand $option"
    done >>"$scratch/missing.txt"
done
check "the man page names every option ($(tr '\n' ' ' <"$scratch/missing.txt"))" \
  test ! -s "$scratch/missing.txt"
check "bash completion" grep -q iris-backup-audit "$root/usr/share/bash-completion/completions/iris-backup-audit"
check "zsh completion" grep -q '#compdef iris-backup-audit' "$root/usr/share/zsh/site-functions/_iris-backup-audit"
check "fish completion" grep -qE "complete -c '?iris-backup-audit'?" "$root/usr/share/fish/vendor_completions.d/iris-backup-audit.fish"
check "bash completion parses" bash -n "$root/usr/share/bash-completion/completions/iris-backup-audit"
make --no-print-directory uninstall PREFIX=/usr DESTDIR="$root" >/dev/null 2>&1
check "make uninstall removes every file" test -z "$(find "$root" -type f)"

package=$(make --no-print-directory deb 2>"$scratch/deb.log" | tail -n 1)
check "make deb writes a package" test -f "$package"
if [ -f "$package" ]; then
  check "dpkg-deb reads the package" dpkg-deb --info "$package"
  dpkg-deb --field "$package" Depends >"$scratch/depends.txt"
  check "Depends names libpcre2-8-0" grep -q libpcre2-8-0 "$scratch/depends.txt"
  check "Depends names zlib1g" grep -q zlib1g "$scratch/depends.txt"
  check "Depends names libsqlite3-0" grep -q libsqlite3-0 "$scratch/depends.txt"
  dpkg-deb -x "$package" "$scratch/unpacked"
  binary=$scratch/unpacked/usr/bin/iris-backup-audit
  check "ldd names no Swift library" sh -c "! ldd '$binary' | grep -E 'libswift|libFoundation|libdispatch'"
  check "the man page is gzipped in its Debian place" test -s "$scratch/unpacked/usr/share/man/man1/iris-backup-audit.1.gz"
  check "the copyright file is there" test -s "$scratch/unpacked/usr/share/doc/iris-backup-audit/copyright"
  # Without a toolchain on the library path: only the system's libraries.
  env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= "$binary" audit Samples/clean-week >/dev/null 2>&1
  check "the packaged binary audits the clean sample (exit 0)" test $? -eq 0
fi
echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
