#!/bin/bash
# LocalStack init hook (ready.d): the configuration and secrets the functions read from SSM, and the SES
# identity the outbox sends from. The example configuration's literal: secrets (which a deployed function
# refuses) become ssm: references to SecureString parameters holding the same local-only values.
set -euo pipefail

put_secret() {
  awslocal ssm put-parameter --overwrite --type SecureString --name "/promptly/secrets/demo-shop/$1" --value "$2" > /dev/null
}
put_secret webhook local-webhook-secret
put_secret messages local-messages-secret
put_secret agent-token local-agent-token
put_secret export-token local-export-token

sed -e 's#"literal:local-webhook-secret"#"ssm:/promptly/secrets/demo-shop/webhook"#' \
    -e 's#"literal:local-messages-secret"#"ssm:/promptly/secrets/demo-shop/messages"#' \
    -e 's#"literal:local-agent-token"#"ssm:/promptly/secrets/demo-shop/agent-token"#' \
    -e 's#"literal:local-export-token"#"ssm:/promptly/secrets/demo-shop/export-token"#' \
    /promptly-config/promptly.example.json > /tmp/promptly.json
if grep -q '"literal:' /tmp/promptly.json; then
  echo "promptly.sh: a literal: secret is left in the configuration; map it above" >&2
  exit 1
fi
awslocal ssm put-parameter --overwrite --type String --name /promptly/config --value file:///tmp/promptly.json > /dev/null

awslocal ses verify-email-identity --email-address support@demo-shop.example
echo "promptly.sh: /promptly/config, its secrets and the SES identity support@demo-shop.example are ready"
