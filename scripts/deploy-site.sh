#!/usr/bin/env bash
# Publishes what `sam deploy` does not: the web client, with a config.json made from the stack's
# outputs, and (with BuildAsterisk) the PBX bootstrap the instance fetches from the same bucket.
#
#   scripts/deploy-site.sh [--stack NAME] [--region REGION] [--skip-build] [--reconfigure-pbx]
#
#   --stack NAME        the stack (default: stack_name in samconfig.toml, else click-to-call)
#   --region REGION     its region (default: region in samconfig.toml, else AWS_REGION)
#   --skip-build        upload web/dist as it is instead of running `npm ci && npm run build`
#   --reconfigure-pbx   also re-run pbx/bootstrap.sh on the instance (through SSM) after the upload
#
# Needs the AWS CLI v2 and, unless --skip-build, Node.js and npm. Run it after every `sam deploy`
# that changed an output (API URL, user pool, PBX number) and after every change to web/ or pbx/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The built web client; the variable lets tests publish a stand-in.
WEB_DIST=${WEB_DIST:-$ROOT/web/dist}

samconfig_value() {
  # The first `key = "value"` of samconfig.toml (the [default] section comes first).
  sed -n "s/^$1 *= *\"\\([^\"]*\\)\".*/\\1/p" "$ROOT/samconfig.toml" 2> /dev/null | head -n 1
}

stack=$(samconfig_value stack_name)
stack=${stack:-click-to-call}
region=$(samconfig_value region)
region=${region:-${AWS_REGION:-}}
build=true
reconfigure_pbx=false

while [ $# -gt 0 ]; do
  case "$1" in
    --stack) stack=$2; shift 2 ;;
    --region) region=$2; shift 2 ;;
    --skip-build) build=false; shift ;;
    --reconfigure-pbx) reconfigure_pbx=true; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "deploy-site: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$region" ] || { echo "deploy-site: no region: pass --region or set AWS_REGION" >&2; exit 2; }

log() { printf 'deploy-site: %s\n' "$*"; }

# An output of the stack, or empty when the stack has no such output (e.g. the PBX ones).
output() {
  local value
  value=$(aws cloudformation describe-stacks --stack-name "$stack" --region "$region" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text)
  [ "$value" = "None" ] && value=""
  printf '%s' "$value"
}

bucket=$(output SiteBucketName)
[ -n "$bucket" ] || { echo "deploy-site: stack $stack in $region has no SiteBucketName output; deploy it first" >&2; exit 1; }
distribution=$(output SiteDistributionId)
api_url=$(output ApiUrl)
user_pool=$(output UserPoolId)
user_pool_client=$(output UserPoolClientId)
pool_region=$(output Region)
# "true" only when the stack lets people sign up themselves; an older stack without the output gets
# the safe answer (sign-in only).
self_sign_up=$(output SelfSignUp)
[ "$self_sign_up" = "true" ] || self_sign_up=false
default_to=$(output DefaultToNumber)
[ -n "$default_to" ] || default_to=$(output PbxPhoneNumber)
pbx_instance=$(output PbxInstanceId)
# The agent page's softphone (BuildAsterisk only). Its SIP password stays in SSM: never in config.json.
softphone_url=$(output SoftphoneWebSocketUrl)
softphone_agent=$(output SoftphoneAgentName)
# How long the SMA handler waits for the caller's browser to join (CallerJoinTimeoutSeconds): the page
# waits as long for its audio. A stack from before the output leaves the key out (the page's default).
caller_join_timeout=$(output CallerJoinTimeoutSeconds)
[[ "$caller_join_timeout" =~ ^[0-9]+$ ]] || caller_join_timeout=""

# --- web client -------------------------------------------------------------------------------
if $build; then
  log "building web/"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund && npm run build)
fi
[ -f "$WEB_DIST/index.html" ] || { echo "deploy-site: $WEB_DIST/index.html is missing: build web/ first" >&2; exit 1; }

# The keys are those of docs/CONFIGURATION.md ("Web client"); every value is an id, a URL, an
# E.164 number, a number of seconds or the agent's SIP user name (lower-case letters, digits, - and _, as the
# AgentName parameter admits), none of which can hold a quote.
config=$(mktemp)
trap 'rm -f "$config"' EXIT
{
  printf '{\n'
  printf '  "apiUrl": "%s",\n' "$api_url"
  printf '  "region": "%s",\n' "$pool_region"
  printf '  "userPoolId": "%s",\n' "$user_pool"
  printf '  "userPoolClientId": "%s",\n' "$user_pool_client"
  printf '  "selfSignUp": %s,\n' "$self_sign_up"
  if [ -n "$caller_join_timeout" ]; then
    printf '  "callerJoinTimeoutSeconds": %s,\n' "$caller_join_timeout"
  fi
  if [ -n "$default_to" ]; then
    printf '  "defaultToNumber": "%s",\n' "$default_to"
  fi
  if [ -n "$softphone_url" ] && [ -n "$softphone_agent" ]; then
    printf '  "softphone": {"webSocketUrl": "%s", "agentName": "%s"},\n' "$softphone_url" "$softphone_agent"
  fi
  printf '  "meetingLayer": "chime"\n'
  printf '}\n'
} > "$config"

log "uploading $WEB_DIST to s3://$bucket/site/"
# Hashed assets never change under the same name; the pages (index.html, agent.html) and config.json
# are the entry points and must be re-read every time.
aws s3 sync "$WEB_DIST/" "s3://$bucket/site/" --region "$region" --delete --only-show-errors \
  --exclude "*.html" --exclude config.json --cache-control "public, max-age=31536000, immutable"
for page in "$WEB_DIST"/*.html; do
  aws s3 cp "$page" "s3://$bucket/site/$(basename "$page")" --region "$region" --only-show-errors \
    --cache-control "no-cache" --content-type "text/html; charset=utf-8"
done
aws s3 cp "$config" "s3://$bucket/site/config.json" --region "$region" --only-show-errors \
  --cache-control "no-cache" --content-type "application/json"

# --- PBX bootstrap ----------------------------------------------------------------------------
if [ -n "$pbx_instance" ]; then
  log "uploading pbx/bootstrap.sh and pbx/asterisk/ to s3://$bucket/pbx/"
  aws s3 cp "$ROOT/pbx/bootstrap.sh" "s3://$bucket/pbx/bootstrap.sh" --region "$region" --only-show-errors
  aws s3 sync "$ROOT/pbx/asterisk/" "s3://$bucket/pbx/asterisk/" --region "$region" --delete --only-show-errors
  if $reconfigure_pbx; then
    log "re-running the PBX bootstrap on $pbx_instance"
    aws ssm send-command --region "$region" --instance-ids "$pbx_instance" \
      --document-name AWS-RunShellScript --comment "click-to-call PBX bootstrap" \
      --parameters "commands=[\"export PATH=\$PATH:/snap/bin\",\"aws s3 cp --recursive --only-show-errors --region $region s3://$bucket/pbx/ /opt/clicktocall/pbx/\",\"bash /opt/clicktocall/pbx/bootstrap.sh\"]" \
      --query "Command.CommandId" --output text
  fi
fi

if [ -n "$distribution" ]; then
  aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/*" \
    --query "Invalidation.Id" --output text > /dev/null
fi
log "done: $(output SiteUrl)"
