#!/usr/bin/env bash
# Deploys the stack into LocalStack with samlocal and walks the README's example against it: a signed
# Shopify webhook, a signed customer message, and the acknowledgement the outbox sends through SES.
# Needs Docker, LocalStack started with localstack/docker-compose.yml, and samlocal, awslocal (pip
# install aws-sam-cli-local awscli-local), curl and openssl. Not run in CI (no Docker there).
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_REGION=eu-central-1 AWS_DEFAULT_REGION=eu-central-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
stack=promptly
shop=demo-shop.myshopify.com

sam build
samlocal deploy --stack-name "$stack" --resolve-s3 --capabilities CAPABILITY_IAM \
  --no-confirm-changeset --no-fail-on-empty-changeset \
  --parameter-overrides "SesIdentityArns=arn:aws:ses:eu-central-1:000000000000:identity/support@demo-shop.example"

resource() {
  awslocal cloudformation describe-stack-resource --stack-name "$stack" --logical-resource-id "$1" \
    --query StackResourceDetail.PhysicalResourceId --output text
}
table=$(resource PromptlyTable)
# Sent mail: https://docs.localstack.cloud/aws/services/ses/ (GET /_aws/ses). LocalStack serves an HTTP API's $default stage here (https://docs.localstack.cloud/aws/services/apigateway/).
api="http://$(resource HttpApi).execute-api.localhost.localstack.cloud:4566"

# For sam local invoke / start-api against this deployment (README, "Run the deployed stack on one machine (LocalStack, sam local)").
mkdir -p .aws-sam
printf '{"Parameters": {"TABLE_NAME": "%s", "INBOUND_MAIL_BUCKET": "%s"}}\n' "$table" "$(resource InboundMailBucket)" > .aws-sam/localstack-env.json

echo "== webhook: orders/create"
body=$(cat events/shopify-bodies/orders-create.json)
curl -sS "$api/webhooks/shopify" \
  -H 'X-Shopify-Topic: orders/create' -H "X-Shopify-Shop-Domain: $shop" -H "X-Shopify-Webhook-Id: try-$(date +%s)" \
  -H "X-Shopify-Hmac-Sha256: $(printf '%s' "$body" | openssl dgst -sha256 -hmac local-webhook-secret -binary | base64)" \
  --data-binary "$body"
echo
awslocal dynamodb get-item --table-name "$table" --key "{\"pk\": {\"S\": \"$shop\"}, \"sk\": {\"S\": \"ORDER#5001001\"}}" \
  --query 'Item.sk.S' --output text

echo "== message: where is my order? (German e-mail relay)"
body=$(cat events/message-bodies/email-relay-de.json)
sig=$(printf '%s' "$body" | openssl dgst -sha256 -hmac local-messages-secret | sed 's/^.* //')
curl -sS "$api/messages" -H "X-Promptly-Shop: $shop" -H "X-Promptly-Signature: sha256=$sig" --data-binary "$body"
echo

echo "== outbox: the acknowledgement, sent by the stream function through SES"
for _ in $(seq 1 30); do
  sent=$(curl -sS http://localhost:4566/_aws/ses)
  if [[ "$sent" == *'"Id"'* ]]; then
    echo "$sent"
    exit 0
  fi
  sleep 2
done
echo "no mail sent within 60 s; see the OutboxStreamFunction logs: awslocal logs tail /aws/lambda/$stack/OutboxStreamFunction" >&2
exit 1
