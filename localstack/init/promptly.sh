#!/bin/bash
# LocalStack init hook (ready.d): the configuration and secrets the functions read from SSM, and the SES
# identity the outbox sends from. Every literal: secret of the example configuration (which a deployed function
# refuses) becomes an ssm: reference to a SecureString parameter holding the same local-only value, named after
# it without its "local-" prefix (literal:local-webhook-secret -> ssm:/promptly/secrets/demo-shop/webhook-secret).
set -euo pipefail

config=${PROMPTLY_EXAMPLE_CONFIG:-/promptly-config/promptly.example.json}
stored=$(mktemp)
cp "$config" "$stored"

for value in $(grep -o '"literal:[^"]*"' "$config" | sed -e 's/^"literal://' -e 's/"$//' | sort -u); do
  if [[ ! $value =~ ^[A-Za-z0-9._-]+$ ]]; then
    echo "promptly.sh: literal secret '$value' is not a plain local token (letters, digits, . _ -)" >&2
    exit 1
  fi
  name=${value#local-}
  awslocal ssm put-parameter --overwrite --type SecureString --name "/promptly/secrets/demo-shop/$name" --value "$value" > /dev/null
  sed -i -e "s#\"literal:$value\"#\"ssm:/promptly/secrets/demo-shop/$name\"#g" "$stored"
done
if grep -q '"literal:' "$stored"; then
  echo "promptly.sh: a literal: secret is left in the configuration" >&2
  exit 1
fi
awslocal ssm put-parameter --overwrite --type String --name /promptly/config --value "file://$stored" > /dev/null

awslocal ses verify-email-identity --email-address support@demo-shop.example
echo "promptly.sh: /promptly/config, its secrets and the SES identity support@demo-shop.example are ready"
