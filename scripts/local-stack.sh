#!/usr/bin/env bash
# Starts the click-to-call local stack: builds what is missing or older than its sources (the
# functions, the local stack, the web client, cognito-local and dynalite), then runs everything on
# 127.0.0.1 and prints the URL to open.
# Ctrl-C stops it and every process it started. Options: scripts/local-stack.sh --help
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source scripts/java-home.sh
java="$JAVA_HOME/bin/java"

functions=(call-control update-call call-status sma-handler pre-sign-up call-guards)
jar="local-stack/target/local-stack-1.0.0-SNAPSHOT.jar"

# A module's inputs: its src/main and pom.xml, the parent pom, and the same for every project module it
# depends on (read from its pom: a dependency whose artifactId names a folder with a pom.xml).
module_inputs() {
  local module="$1" dep
  [[ " ${seen[*]} " == *" $module "* ]] && return
  seen+=("$module")
  [[ -d "$module/src/main" ]] && echo "$module/src/main"
  echo "$module/pom.xml"
  for dep in $(sed -n 's:.*<artifactId>\([a-z0-9-]*\)</artifactId>.*:\1:p' "$module/pom.xml"); do
    [[ -f "$dep/pom.xml" && "$dep" != "$module" ]] && module_inputs "$dep"
  done
}

# True when the artifact is missing or any input is newer. find stops at the first newer file, so
# with nothing changed this costs a few directory walks, well under a second.
stale() {
  local artifact="$1"; shift
  [[ -e "$artifact" ]] || return 0
  [[ -n "$(find "$@" -newer "$artifact" -type f -print -quit 2>/dev/null)" ]]
}

stale_module() {
  local module="$1" artifact="$2"
  seen=()
  # shellcheck disable=SC2046
  stale "$artifact" pom.xml $(module_inputs "$module")
}

rebuild=()
for f in "${functions[@]}"; do
  stale_module "$f" "$f/target/function.zip" && rebuild+=("$f")
done
if stale_module local-stack "$jar" || [[ ! -d local-stack/target/lambda-runtime-interface-client ]]; then
  rebuild+=(local-stack)
fi
if [[ ${#rebuild[@]} -gt 0 ]]; then
  modules="$(IFS=,; echo "${rebuild[*]}")"
  echo "Building $modules (missing, or older than their sources) ..."
  ./mvnw -B -q -DskipTests -pl "$modules" -am package
  # Maven leaves a jar untouched when its own classes did not change (e.g. only a dependency's did):
  # mark what was just built as current, or it would look stale at every start.
  for m in "${rebuild[@]}"; do
    if [[ "$m" == local-stack ]]; then touch "$jar"; else touch "$m/target/function.zip"; fi
  done
fi

for emulator in cognito:cognito-local dynalite:dynalite; do
  dir="local-stack/${emulator%%:*}"
  if [[ ! -d "$dir/node_modules/${emulator#*:}" ]] || stale "$dir/node_modules/.package-lock.json" "$dir/package-lock.json"; then
    echo "Installing ${emulator#*:} ..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

if [[ -f web/package.json ]]; then
  web_inputs=()
  for input in web/src web/public web/package.json web/package-lock.json web/*.html web/vite.config.* web/tsconfig*.json; do
    [[ -e "$input" ]] && web_inputs+=("$input")
  done
  if stale web/dist/index.html "${web_inputs[@]}"; then
    echo "Building the web client (missing, or older than web/src) ..."
    if [[ ! -d web/node_modules ]] || stale web/node_modules/.package-lock.json web/package-lock.json; then
      (cd web && npm ci --no-audit --no-fund --loglevel=error)
    fi
    (cd web && npm run build)
  fi
fi

# exec: the stack receives Ctrl-C itself and stops its children before it exits.
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --repo-root "$root" "$@"
