#!/usr/bin/env bash
# Builds gpu.js's optional headless-gl addon so tests also run gpu.js's GLSL path (on Mesa,
# under Xvfb). The normal install skips this build (see pnpm-workspace.yaml): without it,
# gpu.js runs its WebAssembly mode in Node and every test still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in libxi-dev libxext-dev libx11-dev libgl-dev pkg-config xvfb xauth; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

gl_dir=$(ls -d node_modules/.pnpm/gl@*/node_modules/gl | head -n 1)
if [ -f "$gl_dir/build/Release/webgl.node" ]; then
  echo "gl: already built in $gl_dir"
  exit 0
fi
echo "gl: building the native addon in $gl_dir (a few minutes)"
# build against the Node headers npm is configured with (no download)
nodedir=$(npm config get nodedir 2>/dev/null || true)
nodedir_flag=()
if [ -n "$nodedir" ] && [ "$nodedir" != "undefined" ] && [ -d "$nodedir/include/node" ]; then
  nodedir_flag=(--nodedir="$nodedir")
fi
(cd "$gl_dir" && ./node_modules/.bin/node-gyp rebuild --jobs=max "${nodedir_flag[@]}" >/tmp/xf-gl-build.log 2>&1) || {
  tail -n 40 /tmp/xf-gl-build.log
  exit 1
}
echo "gl: built"
