# `sam build` runs this Makefile: every function in template.yaml has `CodeUri: .` and
# `Metadata: BuildMethod: makefile`, so SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to that
# function's build directory and zips what the target puts there
# (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/building-custom-runtimes.html).
#
# Maven runs once per `sam build`, not once per function: every target depends on one stamp file that is
# newer than every pom.xml and main source of the repository once the function jars are built, so the
# later targets (SAM runs each in its own make process) find it up to date. SAM runs make in a copy of
# the repository unless `build_in_source` is set (samconfig.toml sets it); either way ROOT below is the
# repository itself, because SAM passes this Makefile's own path (--makefile), and the jars are built
# and taken there.
#
# Each function gets its module's shaded jar in lib/: Lambda's Java runtime puts every jar in lib/ of
# the deployment package on the class path (the layout of the Gradle example in
# https://docs.aws.amazon.com/lambda/latest/dg/java-package.html).
#
# A new function: add its `module-<LogicalId> := <module>` line below, and a new module to
# FUNCTION_MODULES. Paths with spaces are not supported (make splits them).

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVN ?= mvn
MVN_FLAGS ?= -q -B -DskipTests

FUNCTION_MODULES := shopify-webhook data-export messages-api inbound-email outbox-sender delay-scan \
	conversation-events sla-monitor whatsapp-webhook helpdesk-events kpi-rollup

comma := ,
empty :=
space := $(empty) $(empty)

# Everything the function jars are built from; tests and build output are left out.
SOURCES := $(shell find $(ROOT) \( -name target -o -name .aws-sam -o -name .git -o -name node_modules \) -prune \
	-o -type f \( -name pom.xml -o -path '*/src/main/*' \) -print)
STAMP := $(ROOT)/target/sam-function-jars.stamp

$(STAMP): $(SOURCES)
	cd $(ROOT) && $(MVN) $(MVN_FLAGS) package -pl $(subst $(space),$(comma),$(addprefix functions/,$(FUNCTION_MODULES))) -am
	mkdir -p $(dir $@)
	touch $@

# The Maven module (under functions/) of each function of template.yaml, by logical id.
module-ShopifyWebhookFunction := shopify-webhook
module-ShopifyEventBridgeFunction := shopify-webhook
module-DataExportFunction := data-export
module-MessagesFunction := messages-api
module-ConversationEventsFunction := conversation-events
module-SlaMonitorFunction := sla-monitor
module-InboundEmailFunction := inbound-email
module-OutboxStreamFunction := outbox-sender
module-OutboxSweepFunction := outbox-sender
module-DelayScanFunction := delay-scan
module-WhatsAppWebhookFunction := whatsapp-webhook
module-HelpdeskEventsFunction := helpdesk-events
module-KpiRollupFunction := kpi-rollup

# Checked before anything is built: a function without its line above fails at once, naming the fix.
$(foreach function,$(patsubst build-%,%,$(filter build-%,$(MAKECMDGOALS))),\
	$(if $(module-$(function)),,$(error no module for function $(function) of template.yaml: add \
	"module-$(function) := <module under functions/>" to the Makefile)))

# SAM's target for one function: its module's shaded jar into the function's lib/.
build-%: $(STAMP)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(ROOT)/functions/$(module-$*)/target/promptly-$(module-$*)-function.jar "$(ARTIFACTS_DIR)/lib/"

# All function jars, as `sam build` would build them, without SAM.
jars: $(STAMP)

.PHONY: jars
