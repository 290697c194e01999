#!/usr/bin/env bash
# Shrinks the README's screenshots (docs/images/*.png) to a 256-colour palette with pngquant (Debian package
# pngquant, installed by scripts/e2e/setup.sh), so that they fit in the .vsix, which must stay within 3 MB:
# the full-colour 1440×900 screenshots are about 300 KB each, their palette versions about 100 KB, with no
# visible difference for a UI picture. Run by `npm run screenshots` after the UI test has written them.
# A picture that already has a palette (PNG colour type 3) is left as it is, so a second run changes nothing.
set -euo pipefail
DIR="${1:-docs/images}"
command -v pngquant >/dev/null 2>&1 || { echo "pngquant not found: apt-get install pngquant" >&2; exit 1; }
for f in "$DIR"/*.png; do
  before=$(stat -c %s "$f")
  if [[ "$(od -An -tu1 -j25 -N1 "$f" | tr -d ' ')" == 3 ]]; then printf '%s: has a palette already\n' "$f"; continue; fi
  # Exit 98 (would be larger) and 99 (quality below the minimum) leave the file untouched.
  pngquant --quality=70-95 --speed 1 --strip --skip-if-larger --force --ext .png -- "$f" || { rc=$?; [[ $rc -eq 98 || $rc -eq 99 ]]; }
  printf '%s: %d → %d bytes\n' "$f" "$before" "$(stat -c %s "$f")"
done
