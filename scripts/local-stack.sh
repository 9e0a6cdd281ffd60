#!/usr/bin/env bash
# Starts the click-to-call local stack: builds what is missing (the functions, the local stack, the
# web client, cognito-local), then runs everything on 127.0.0.1 and prints the URL to open.
# Ctrl-C stops it and every process it started. Options: scripts/local-stack.sh --help
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

source scripts/java-home.sh
java="$JAVA_HOME/bin/java"

functions=(call-control update-call call-status sma-handler pre-sign-up)
jar="local-stack/target/local-stack-1.0.0-SNAPSHOT.jar"

missing=()
for f in "${functions[@]}"; do
  [[ -f "$f/target/function.zip" ]] || missing+=("$f")
done
if [[ ! -f "$jar" || ! -d local-stack/target/lambda-runtime-interface-client || ${#missing[@]} -gt 0 ]]; then
  modules="local-stack"
  for f in "${missing[@]}"; do modules="$modules,$f"; done
  echo "Building $modules ..."
  ./mvnw -B -q -DskipTests -pl "$modules" -am package
fi

for emulator in cognito:cognito-local dynalite:dynalite; do
  dir="local-stack/${emulator%%:*}"
  if [[ ! -d "$dir/node_modules/${emulator#*:}" ]]; then
    echo "Installing ${emulator#*:} ..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

if [[ -f web/package.json && ! -f web/dist/index.html ]]; then
  echo "Building the web client ..."
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build)
fi

# exec: the stack receives Ctrl-C itself and stops its children before it exits.
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --repo-root "$root" "$@"
