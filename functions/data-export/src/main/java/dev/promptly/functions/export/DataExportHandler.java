package dev.promptly.functions.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.promptly.app.compliance.DataExportLookup;
import dev.promptly.core.ShopDomain;
import dev.promptly.core.error.PromptlyException;
import dev.promptly.edge.HttpEventCodec;
import dev.promptly.edge.HttpRequests;
import dev.promptly.edge.HttpResponses;
import dev.promptly.log.JsonLog;
import dev.promptly.wiring.ComplianceWiring;
import dev.promptly.wiring.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code GET /data-requests/{requestId}}: the shop owner fetches the export prepared for a
 * {@code customers/data_request}, with headers {@code X-Promptly-Shop} and
 * {@code Authorization: Bearer <export token>} (the shop's {@code secrets.export_token}, never its agent token).
 * An export of any size: plain JSON, gzip with {@code Accept-Encoding: gzip}, or in slices with
 * {@code ?part=N} when it is larger than one Lambda answer carries (see {@link DataExportLookup#download}).
 */
public final class DataExportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler, Resource {
    private final DataExportLookup lookup;
    private final JsonLog log;

    public DataExportHandler() {
        this(Deployment.fromEnvironment(System.getenv()));
        Core.getGlobalContext().register(this);
    }

    /** Wired by {@link Deployment}: from the environment in Lambda (the no-argument constructor), from its builder locally. */
    public DataExportHandler(Deployment d) {
        this(ComplianceWiring.dataExportLookup(d), d.log("data-export"));
    }

    public DataExportHandler(DataExportLookup lookup, JsonLog log) {
        this.lookup = lookup;
        this.log = log;
    }

    /**
     * What Lambda calls: of the two {@code handleRequest} methods, the runtime picks this one for template.yaml's
     * {@code ::handleRequest} (it prefers the longest signature, an {@code (InputStream, OutputStream, Context)}
     * one first). The event is read and the answer written by {@link HttpEventCodec} with our own Jackson, so the
     * runtime's serialisation library stays out of the cold start; the typed method below does the work.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpEventCodec.serve(input, output, context, log, this::handleRequest);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.invocation(context == null ? null : context.getAwsRequestId());
        String requestId = event.getPathParameters() == null ? null : event.getPathParameters().get("requestId");
        String shop = HttpRequests.header(event, "X-Promptly-Shop");
        String part = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("part");
        try {
            var download = lookup.download(shop, HttpRequests.header(event, "Authorization"), requestId,
                    HttpRequests.header(event, "Accept-Encoding"), part);
            log.info("export.served", Map.of("shop", ShopDomain.loggable(shop), "requestId", requestId, "bytes", download.bytes().length,
                    "part", download.part(), "parts", download.parts()));
            if (!download.gzip()) {
                return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", "application/json")).withBody(new String(download.bytes(), StandardCharsets.UTF_8))
                        .build();
            }
            // The whole export as gzip content coding of its JSON, or one slice of the gzip bytes to concatenate.
            Map<String, String> headers = download.part() == 0
                    ? Map.of("Content-Type", "application/json", "Content-Encoding", "gzip", "Vary", "Accept-Encoding")
                    : Map.of("Content-Type", "application/gzip", "X-Promptly-Export-Part", download.part() + "/" + download.parts());
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withHeaders(headers)
                    .withBody(Base64.getEncoder().encodeToString(download.bytes())).withIsBase64Encoded(true).build();
        } catch (PromptlyException e) {
            return HttpResponses.rejected(log, "export.refused", shop, e);
        }
    }

    /** SnapStart: one DynamoDB read, then a refused request (no token) through the handler; nothing is written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        HttpEventCodec.prime();
        lookup.prime();
        String shop = lookup.primingShop();
        handleRequest(APIGatewayV2HTTPEvent.builder().withPathParameters(Map.of("requestId", "priming"))
                .withHeaders(Map.of("x-promptly-shop", shop)).build(), null);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }
}
