#!/usr/bin/env python3
"""Regenerates the Lambda sample events from events/shopify-bodies/*.json.

Each body becomes an API Gateway HTTP API (payload 2.0) event for POST /webhooks/shopify, signed with
the local runner's example webhook secret (a local-only value), and the orders-updated body also an
EventBridge partner event. A developer tool: the tests read the generated files and check their
signatures, so a stale file fails the build.
  python3 events/generate.py
"""
import base64, hashlib, hmac, json, pathlib

ROOT = pathlib.Path(__file__).parent
SECRET = b"local-webhook-secret"  # local-only example value, see config/promptly.example.json
SHOP = "demo-shop.myshopify.com"

def http_event(topic, body, webhook_id):
    signature = base64.b64encode(hmac.new(SECRET, body.encode(), hashlib.sha256).digest()).decode()
    return {
        "version": "2.0",
        "routeKey": "POST /webhooks/shopify",
        "rawPath": "/webhooks/shopify",
        "rawQueryString": "",
        "headers": {
            "content-type": "application/json",
            "x-shopify-topic": topic,
            "x-shopify-shop-domain": SHOP,
            "x-shopify-webhook-id": webhook_id,
            "x-shopify-api-version": "2026-07",
            "x-shopify-triggered-at": "2026-11-25T09:00:00.000000000Z",
            "x-shopify-hmac-sha256": signature,
        },
        "requestContext": {"http": {"method": "POST", "path": "/webhooks/shopify", "sourceIp": "203.0.113.10"},
                           "routeKey": "POST /webhooks/shopify", "stage": "$default"},
        "body": body,
        "isBase64Encoded": False,
    }

for path in sorted((ROOT / "shopify-bodies").glob("*.json")):
    name = path.stem
    topic = name.replace("-", "/", 1).replace("-", "_") if name.startswith(("orders-", "customers-")) else {
        "fulfillments-create": "fulfillments/create", "fulfillments-update": "fulfillments/update",
        "fulfillment-events-create": "fulfillment_events/create", "shop-redact": "shop/redact"}[name]
    body = json.dumps(json.loads(path.read_text()), separators=(",", ":"), ensure_ascii=False)
    event = http_event(topic, body, "b1e3f0c2-0000-4000-8000-" + hashlib.sha1(name.encode()).hexdigest()[:12])
    (ROOT / "shopify-webhook" / (name + ".json")).write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n")

payload = json.loads((ROOT / "shopify-bodies" / "orders-updated.json").read_text())
eventbridge = {
    "version": "0", "id": "5e2c3b9a-1111-4222-8333-444455556666", "detail-type": "shopifyWebhook",
    "source": "aws.partner/shopify.com/42/promptly", "account": "123456789012",
    "time": "2026-11-23T10:40:01Z", "region": "eu-central-1", "resources": [],
    "detail": {"payload": payload, "metadata": {
        "Content-Type": "application/json", "X-Shopify-Topic": "orders/updated",
        "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Webhook-Id": "eb-7f1d2c3b-orders-updated",
        "X-Shopify-API-Version": "2026-07", "X-Shopify-Triggered-At": "2026-11-23T10:40:00Z"}},
}
(ROOT / "shopify-eventbridge" / "orders-updated.json").write_text(json.dumps(eventbridge, indent=2, ensure_ascii=False) + "\n")

export = {"version": "2.0", "routeKey": "GET /data-requests/{requestId}", "rawPath": "/data-requests/3301",
          "rawQueryString": "", "headers": {"x-promptly-shop": SHOP, "authorization": "Bearer local-export-token"},
          "pathParameters": {"requestId": "3301"},
          "requestContext": {"http": {"method": "GET", "path": "/data-requests/3301", "sourceIp": "203.0.113.10"}},
          "isBase64Encoded": False}
(ROOT / "data-export" / "get-export.json").write_text(json.dumps(export, indent=2) + "\n")

# POST /messages: each body in message-bodies/ signed with the example messages secret (local-only).
MESSAGES_SECRET = b"local-messages-secret"
for path in sorted((ROOT / "message-bodies").glob("*.json")):
    body = json.dumps(json.loads(path.read_text()), separators=(",", ":"), ensure_ascii=False)
    signature = "sha256=" + hmac.new(MESSAGES_SECRET, body.encode(), hashlib.sha256).hexdigest()
    event = {"version": "2.0", "routeKey": "POST /messages", "rawPath": "/messages", "rawQueryString": "",
             "headers": {"content-type": "application/json", "x-promptly-shop": SHOP, "x-promptly-signature": signature},
             "requestContext": {"http": {"method": "POST", "path": "/messages", "sourceIp": "203.0.113.10"},
                                "routeKey": "POST /messages", "stage": "$default"},
             "body": body, "isBase64Encoded": False}
    (ROOT / "messages" / path.name).write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n")
