#!/usr/bin/env bash
# Installs (or, with --uninstall, removes) the tool, its man page and its completions, as
# `make install` and `make uninstall` call it:
#   Packaging/install.sh BINARY MANPAGE PREFIX DESTDIR [--uninstall]
# The completion scripts come from the binary's own generator (swift-argument-parser).
set -euo pipefail
binary=${1:?usage: install.sh BINARY MANPAGE PREFIX DESTDIR [--uninstall]}
manpage=${2:?}
prefix=${3:?}
destdir=${4-}
root="$destdir$prefix"
name=iris-backup-audit
targets=(
  "$root/bin/$name"
  "$root/share/man/man1/$name.1"
  "$root/share/bash-completion/completions/$name"
  "$root/share/zsh/site-functions/_$name"
  "$root/share/fish/vendor_completions.d/$name.fish"
)
if [ "${5-}" = --uninstall ]; then
  rm -f -- "${targets[@]}"
  echo "removed $name from $root"
  exit 0
fi
install -D -m 755 "$binary" "${targets[0]}"
install -D -m 644 "$manpage" "${targets[1]}"
for shell in bash zsh fish; do
  case $shell in
    bash) target=${targets[2]} ;;
    zsh) target=${targets[3]} ;;
    fish) target=${targets[4]} ;;
  esac
  mkdir -p "$(dirname "$target")"
  "$binary" --generate-completion-script "$shell" >"$target"
  chmod 644 "$target"
done
echo "installed $name into $root"
