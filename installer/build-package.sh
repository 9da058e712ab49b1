#!/usr/bin/env bash
# Builds the Windows release package artifacts/TiLianBang-<version>-win-x64.zip on Linux (CI, a developer's box):
# a self-contained win-x64 publish of TiLianBang.Web (the mini-program's H5 build inside, at wwwroot/m), the
# WeChat mini-program build, the install/upgrade/uninstall scripts and their README.
# The version comes from Directory.Build.props <Version>, the product's only version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
[ -n "$version" ] || { echo "build-package: no <Version> in Directory.Build.props" >&2; exit 1; }
name="TiLianBang-$version-win-x64"
out="$root/artifacts"
stage="$out/package/$name"
started=$SECONDS

rm -rf "$stage" "$out/$name.zip"
mkdir -p "$stage"

# Its own bin/obj under artifacts/build: a runtime-specific restore must not rewrite the project.assets.json that
# the normal Debug build (and a test run going on beside it) uses. The normal build's targets already built the
# H5 app into wwwroot/m and run again only when a mini-program source changed, so it is not built twice.
dotnet publish "$root/TiLianBang.Web/TiLianBang.Web.csproj" -c Release -r win-x64 --self-contained \
  --artifacts-path "$out/build" -o "$stage/app" -v q -nologo \
  -p:DebugType=none -p:DebugSymbols=false -p:GenerateDocumentationFile=false
[ -f "$stage/app/TiLianBang.Web.exe" ] || { echo "build-package: publish made no TiLianBang.Web.exe" >&2; exit 1; }
[ -f "$stage/app/wwwroot/m/index.html" ] || { echo "build-package: the H5 app is missing from wwwroot/m" >&2; exit 1; }
# The development settings would only confuse an installation, which runs as Production; native libraries bring
# their symbol files along, which nobody on the server reads.
rm -f "$stage/app/appsettings.Development.json" "$stage/app/"*.pdb

# The WeChat mini-program, built with the placeholder address of .env.mp; install.ps1 writes the installation's
# own address into a copy of it (see installer/README.md).
mini="$root/miniprogram"
if [ ! -f "$mini/node_modules/@dcloudio/uni-mp-weixin/package.json" ]; then
  (cd "$mini" && npm ci --no-audit --no-fund)
fi
# Its output (sass deprecation notes of a UI library) only matters when the build fails.
if ! (cd "$mini" && npm run --silent build:mp-weixin -- --outDir "$stage/miniprogram/mp-weixin" >"$out/mp-weixin.log" 2>&1); then
  cat "$out/mp-weixin.log" >&2
  exit 1
fi
[ -f "$stage/miniprogram/mp-weixin/app.json" ] || { echo "build-package: the mp-weixin build made no app.json" >&2; exit 1; }

cp "$root/installer/install.ps1" "$root/installer/upgrade.ps1" "$root/installer/uninstall.ps1" \
   "$root/installer/TiLianBang.Install.psm1" "$root/installer/README.md" "$stage/"
cp -r "$root/appsettings.samples" "$stage/appsettings.samples"
echo "$version" > "$stage/VERSION"

# Level 1: the published runtime is ~100 MB; the best compression saves little and costs most of the time here.
(cd "$out/package" && zip -q -r -1 "$out/$name.zip" "$name")
rm -rf "$out/package"
echo "build-package: $out/$name.zip ($(du -h "$out/$name.zip" | cut -f1), $((SECONDS - started)) s)"
