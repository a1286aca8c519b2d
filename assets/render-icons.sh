#!/usr/bin/env bash
# Renders the app icon from icon.svg (its only source) into what electron-builder and the windows need:
# icons/NxN.png for Linux (and the window icon), icon.ico for Windows, icon.icns for macOS.
# Needs rsvg-convert, ImageMagick and png2icns (Debian: apt-get install librsvg2-bin imagemagick icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
convert icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
png2icns icon.icns icons/16x16.png icons/32x32.png icons/48x48.png icons/128x128.png icons/256x256.png icons/512x512.png icons/1024x1024.png >/dev/null
