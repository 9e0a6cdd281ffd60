#!/usr/bin/env bash
# Turns an Ubuntu EC2 instance into the agent side of click-to-call: installs Asterisk, renders the
# configuration in pbx/asterisk/ from this deployment's values and (re)starts Asterisk.
# Safe to run again: it re-reads the values, re-renders, and touches Asterisk only on a change.
#
#   bootstrap.sh                         install, render into /etc/asterisk, start or reload
#   bootstrap.sh --render-only DIR       render into DIR only: no install, no service, no IMDS
#   bootstrap.sh --rotate-agent-secret   store a new random agent secret in SSM, then as above
#
# Inputs are environment variables (see pbx/README.md); values of a previous run are kept in
# /etc/clicktocall/pbx.env and fill in whatever the environment leaves unset. The agent secret
# is never written there, never printed and never passed on a command line.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true
umask 027

PBX_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATE_DIR=${PBX_TEMPLATE_DIR:-$PBX_DIR/asterisk}
STATE_FILE=${PBX_STATE_FILE:-/etc/clicktocall/pbx.env}
ASTERISK_ETC=${PBX_ASTERISK_ETC:-/etc/asterisk}
IMDS=http://169.254.169.254

# Names a value of this deployment may have; the templates may use exactly these.
PERSISTED_INPUTS=(PUBLIC_IP PRIVATE_IP VOICE_CONNECTOR_HOST VOICE_CONNECTOR_SIGNALING_CIDRS PHONE_NUMBER
  AGENT_NAME AGENT_SECRET_PARAMETER AGENT_RING_SECONDS AGENT_DIAL_BLOCK_LIST RTP_PORT_START RTP_PORT_END
  HTTP_PORT AWS_REGION)
# Derived from the inputs by derive_values.
DERIVED_VALUES=(VOICE_CONNECTOR_MATCH AGENT_DIAL_BLOCK_REGEX)
# The functions' default block-list (DialPolicy.DEFAULT_BLOCK_LIST: premium 900/976) plus the
# Caribbean area codes with a history of toll fraud: the functions keep those out by region, the PBX
# has only prefixes.
DEFAULT_DIAL_BLOCK_LIST="+1900,+1976,+1XXX976,+1268,+1284,+1473,+1649,+1664,+1767,+1809,+1829,+1849,+1876"

# Temporary files may hold the secret: all of them go when the script ends, however it ends.
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

log() { printf 'pbx-bootstrap: %s\n' "$*"; }
fail() { printf 'pbx-bootstrap: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

render_only_dir=""
rotate_secret=false
while [ $# -gt 0 ]; do
  case "$1" in
    --render-only) [ $# -ge 2 ] || fail "--render-only needs a directory"; render_only_dir=$2; shift 2 ;;
    --rotate-agent-secret) rotate_secret=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

# Values of a previous run fill in what the environment leaves unset (the environment wins).
load_previous_values() {
  [ -z "$render_only_dir" ] && [ -r "$STATE_FILE" ] || return 0
  local line name value
  while IFS= read -r line; do
    [[ $line =~ ^([A-Z_]+)=(.*)$ ]] || continue
    name=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    if [[ " ${PERSISTED_INPUTS[*]} " == *" $name "* ]] && [ -z "${!name:-}" ]; then
      printf -v "$name" '%s' "$value"
    fi
  done < "$STATE_FILE"
}

apply_defaults() {
  AGENT_NAME=${AGENT_NAME:-agent}
  AGENT_RING_SECONDS=${AGENT_RING_SECONDS:-20}
  AGENT_DIAL_BLOCK_LIST=${AGENT_DIAL_BLOCK_LIST-$DEFAULT_DIAL_BLOCK_LIST}
  VOICE_CONNECTOR_SIGNALING_CIDRS=${VOICE_CONNECTOR_SIGNALING_CIDRS:-}
  RTP_PORT_START=${RTP_PORT_START:-10000}
  RTP_PORT_END=${RTP_PORT_END:-20000}
  HTTP_PORT=${HTTP_PORT:-8088}
}

imds() {
  local token
  token=$(curl -fsS --max-time 2 -X PUT "$IMDS/latest/api/token" -H 'X-aws-ec2-metadata-token-ttl-seconds: 300') || return 1
  curl -fsS --max-time 2 -H "X-aws-ec2-metadata-token: $token" "$IMDS/latest/meta-data/$1"
}

# On the instance, the addresses and the region can come from the instance metadata service.
discover_from_instance() {
  [ -n "${PRIVATE_IP:-}" ] || PRIVATE_IP=$(imds local-ipv4) || fail "PRIVATE_IP is unset and the instance metadata service did not answer"
  [ -n "${PUBLIC_IP:-}" ] || PUBLIC_IP=$(imds public-ipv4) || fail "PUBLIC_IP is unset and the instance has no public address"
  [ -n "${AWS_REGION:-}" ] || AWS_REGION=$(imds placement/region) || fail "AWS_REGION is unset and the instance metadata service did not answer"
}

ipv4='((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])'
problems=()

# check NAME PATTERN MEANING: notes NAME as a problem unless its value matches PATTERN.
check() {
  local name=$1 pattern=$2 meaning=$3 value=${!1-}
  if [[ -z $value && ! $value =~ $pattern ]]; then
    problems+=("$name is not set: expected $meaning")
  elif [[ ! $value =~ $pattern ]]; then
    problems+=("$name='$value' is not valid: expected $meaning")
  fi
}

# Checks every input and reports all that are missing or malformed at once.
validate_inputs() {
  check PUBLIC_IP "^$ipv4\$" "an IPv4 address"
  check PRIVATE_IP "^$ipv4\$" "an IPv4 address"
  check VOICE_CONNECTOR_HOST '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' \
    "a host name such as abcdefghijklmnopqrstuv.voiceconnector.chime.aws"
  check VOICE_CONNECTOR_SIGNALING_CIDRS "^($ipv4/[0-9]{1,2}(,$ipv4/[0-9]{1,2})*)?\$" \
    "empty, or comma-separated IPv4 CIDR blocks"
  check PHONE_NUMBER '^\+[1-9][0-9]{6,14}$' "a phone number in E.164 form, such as +12065550100"
  check AGENT_NAME '^[a-z][a-z0-9_-]{0,31}$' "lower-case letters, digits, - or _, starting with a letter"
  check AGENT_SECRET_PARAMETER '^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$' \
    "an SSM parameter name such as /click-to-call/agent-secret"
  check AGENT_RING_SECONDS '^([5-9]|[1-9][0-9])$' "a number of seconds from 5 to 99"
  check AGENT_DIAL_BLOCK_LIST '^(\+[0-9X]{1,15}(,\+[0-9X]{1,15})*)?$' \
    "empty, or comma-separated prefixes such as +1900,+1XXX976"
  check RTP_PORT_START '^[1-9][0-9]{3,4}$' "a UDP port"
  check RTP_PORT_END '^[1-9][0-9]{3,4}$' "a UDP port"
  check HTTP_PORT '^[1-9][0-9]{1,4}$' "a TCP port"
  check AWS_REGION '^[a-z]{2}(-[a-z]+)+-[0-9]$' "an AWS region such as us-east-1"
  if [[ ${RTP_PORT_START-} =~ ^[0-9]+$ && ${RTP_PORT_END-} =~ ^[0-9]+$ ]] && (( RTP_PORT_START >= RTP_PORT_END )); then
    problems+=("RTP_PORT_START ($RTP_PORT_START) must be below RTP_PORT_END ($RTP_PORT_END)")
  fi
  if [ ${#problems[@]} -gt 0 ]; then
    printf 'pbx-bootstrap: error: %s\n' "${problems[@]}" >&2
    exit 1
  fi
}

# The templates read these by name ({{VOICE_CONNECTOR_MATCH}}, {{AGENT_DIAL_BLOCK_REGEX}}).
# shellcheck disable=SC2034
derive_values() {
  VOICE_CONNECTOR_MATCH=$VOICE_CONNECTOR_HOST${VOICE_CONNECTOR_SIGNALING_CIDRS:+,$VOICE_CONNECTOR_SIGNALING_CIDRS}
  # "+1XXX976" -> "1[0-9][0-9][0-9]976"; the dial plan matches "^[+](...)" against the number dialled.
  local prefix prefixes alternatives=()
  IFS=',' read -r -a prefixes <<< "$AGENT_DIAL_BLOCK_LIST"
  for prefix in "${prefixes[@]}"; do
    [ -n "$prefix" ] || continue
    prefix=${prefix#+}
    alternatives+=("${prefix//X/[0-9]}")
  done
  if [ ${#alternatives[@]} -eq 0 ]; then
    AGENT_DIAL_BLOCK_REGEX='^$'   # matches no number
  else
    local joined
    joined=$(IFS='|'; printf '%s' "${alternatives[*]}")
    AGENT_DIAL_BLOCK_REGEX="^[+]($joined)"
  fi
}

# --- The agent secret (SSM Parameter Store, SecureString) -----------------------------------

ssm() { aws ssm "$@" --region "$AWS_REGION"; }

# Secrets are handed to the AWS CLI in a file, never as an argument (visible to every process).
put_agent_secret() {
  local secret=$1 overwrite=$2 request
  request=$(mktemp "$SCRATCH/put-parameter.XXXXXX")
  chmod 600 "$request"
  printf '{"Name":"%s","Type":"SecureString","Value":"%s","Overwrite":%s,"Description":"Click-to-call: the agent softphone password"}' \
    "$AGENT_SECRET_PARAMETER" "$secret" "$overwrite" > "$request"
  local status=0
  ssm put-parameter --cli-input-json "file://$request" > /dev/null || status=$?
  rm -f "$request"
  return $status
}

new_secret() {
  # 32 characters of [A-Za-z0-9]: safe in pjsip.conf and in a SIP digest.
  local secret=""
  while [ ${#secret} -lt 32 ]; do
    secret+=$(head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  done
  printf '%s' "${secret:0:32}"
}

read_agent_secret() {
  local errors status=0
  errors=$(mktemp "$SCRATCH/ssm-error.XXXXXX")
  AGENT_SECRET=$(ssm get-parameter --name "$AGENT_SECRET_PARAMETER" --with-decryption \
                   --query Parameter.Value --output text 2> "$errors") || status=$?
  # The error text of a failed read holds no secret; keep it for the caller's message.
  SSM_ERROR=$(cat "$errors")
  rm -f "$errors"
  if [ $status -ne 0 ]; then
    AGENT_SECRET=""
    return 1
  fi
}

resolve_agent_secret() {
  if $rotate_secret; then
    put_agent_secret "$(new_secret)" true || fail "could not store a new agent secret in $AGENT_SECRET_PARAMETER"
    log "stored a new agent secret in $AGENT_SECRET_PARAMETER"
  fi
  if ! read_agent_secret; then
    if [[ $SSM_ERROR == *ParameterNotFound* && -z $render_only_dir ]]; then
      # First boot: create the secret. Overwrite=false, so a concurrent creator wins and is read back.
      put_agent_secret "$(new_secret)" false || true
      read_agent_secret || fail "could not read the agent secret $AGENT_SECRET_PARAMETER: $SSM_ERROR"
      log "created the agent secret in $AGENT_SECRET_PARAMETER"
    else
      fail "could not read the agent secret $AGENT_SECRET_PARAMETER: $SSM_ERROR"
    fi
  fi
  [[ $AGENT_SECRET =~ ^[A-Za-z0-9._~+/=-]{16,128}$ ]] ||
    fail "the agent secret in $AGENT_SECRET_PARAMETER must be 16 to 128 characters of A-Z a-z 0-9 . _ ~ + / = -"
}

# --- Rendering -------------------------------------------------------------------------------

# Replaces every {{NAME}} in a template; a name that is not a known value, or whose value is
# empty, stops the run. Nothing of the form {{...}} survives.
render_template() {
  local source=$1 target=$2 content name value
  content=$(cat "$source"; printf x)
  content=${content%x}
  local allowed=" ${PERSISTED_INPUTS[*]} ${DERIVED_VALUES[*]} AGENT_SECRET "
  while [[ $content =~ \{\{([A-Za-z0-9_]*)\}\} ]]; do
    name=${BASH_REMATCH[1]}
    [[ $allowed == *" $name "* ]] || fail "$(basename "$source") uses {{$name}}, which is not a known value"
    value=${!name-}
    [ -n "$value" ] || fail "$(basename "$source") needs $name, which is empty"
    content=${content//"{{$name}}"/"$value"}
  done
  # "{{" has no meaning in Asterisk's syntax (unlike "}}", which ${A${B}} produces).
  if [[ $content == *"{{"* ]]; then
    fail "$(basename "$source") has a malformed placeholder left after rendering"
  fi
  printf '%s' "$content" > "$target"
}

# Renders every template, or nothing: a failure leaves OUT as it was.
render_all() {
  local out=$1 template work templates
  templates=("$TEMPLATE_DIR"/*.conf)
  [ -f "${templates[0]}" ] || fail "no templates (*.conf) in $TEMPLATE_DIR"
  work=$(mktemp -d "$SCRATCH/render.XXXXXX")
  for template in "${templates[@]}"; do
    render_template "$template" "$work/$(basename "$template")"
  done
  mkdir -p "$out"
  mv "$work"/*.conf "$out"/
}

# --- Installing on the instance --------------------------------------------------------------

install_packages() {
  export DEBIAN_FRONTEND=noninteractive
  local missing=()
  command -v asterisk > /dev/null 2>&1 || missing+=(asterisk)
  command -v curl > /dev/null 2>&1 || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
  fi
  if ! command -v aws > /dev/null 2>&1; then
    log "installing the AWS CLI"
    # Ubuntu 22.04 packages it; from 24.04 on it is a snap.
    apt-get install -y -q awscli 2> /dev/null || snap install aws-cli --classic
    hash -r
  fi
}

save_values() {
  mkdir -p "$(dirname "$STATE_FILE")"
  local name tmp
  tmp=$(mktemp "$STATE_FILE.XXXXXX")
  for name in "${PERSISTED_INPUTS[@]}"; do
    printf '%s=%s\n' "$name" "${!name-}"
  done > "$tmp"
  chmod 644 "$tmp"
  mv "$tmp" "$STATE_FILE"
}

# Copies rendered files that differ into /etc/asterisk; prints the names of those it changed.
install_config() {
  local staged=$1 file name
  for file in "$staged"/*.conf; do
    name=$(basename "$file")
    if ! cmp -s "$file" "$ASTERISK_ETC/$name"; then
      install -o root -g asterisk -m 640 "$file" "$ASTERISK_ETC/$name"
      printf '%s\n' "$name"
    fi
  done
}

apply_config() {
  local changed=$1
  systemctl enable asterisk > /dev/null 2>&1 || true
  if ! systemctl is-active --quiet asterisk || [[ $changed == *modules.conf* ]]; then
    log "starting Asterisk"
    systemctl restart asterisk
  elif [ -n "$changed" ]; then
    log "reloading Asterisk: $(printf '%s' "$changed" | tr '\n' ' ')"
    asterisk -rx 'core reload' > /dev/null
  else
    log "configuration unchanged"
  fi
}

main() {
  load_previous_values
  apply_defaults
  if [ -z "$render_only_dir" ]; then
    [ "$(id -u)" -eq 0 ] || fail "run as root (or use --render-only DIR)"
    install_packages
    discover_from_instance
  fi
  validate_inputs
  derive_values
  resolve_agent_secret

  if [ -n "$render_only_dir" ]; then
    render_all "$render_only_dir"
    log "rendered the configuration into $render_only_dir"
    return 0
  fi

  local changed
  render_all "$SCRATCH/staged"
  changed=$(install_config "$SCRATCH/staged")
  save_values
  apply_config "$changed"
  log "ready: trunk $VOICE_CONNECTOR_HOST, number $PHONE_NUMBER, agent '$AGENT_NAME' on wss (HTTP port $HTTP_PORT), public address $PUBLIC_IP"
}

main
