package dev.gearbox.metrics;

import dev.gearbox.config.TelemetryConfig;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.ledger.LedgerRecord;
import dev.gearbox.pipeline.AttemptRecord;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry traces with the GenAI semantic conventions, built from each request's ledger
 * record with its real start and end times: a server span per request ({@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens}/{@code output_tokens}, the route
 * and cost) and a client span per upstream attempt ({@code gen_ai.provider.name}, error type).
 * Exported in batches over OTLP/HTTP off the response path; only built when an endpoint is configured.
 */
public final class TracingLedger implements Ledger {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("gearbox.route");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("gearbox.reason");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("gearbox.cost_usd");
    static final AttributeKey<Double> BASELINE_COST = AttributeKey.doubleKey("gearbox.baseline_cost_usd");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("gearbox.request_id");

    private final Ledger next;
    private final SdkTracerProvider provider;
    private final Tracer tracer;

    /** Traces exported to the configured OTLP/HTTP endpoint. */
    public static TracingLedger otlp(Ledger next, TelemetryConfig cfg) {
        return new TracingLedger(next, OtlpHttpSpanExporter.builder().setEndpoint(cfg.otlpEndpoint()).build(), cfg.serviceName());
    }

    public TracingLedger(Ledger next, SpanExporter exporter, String serviceName) {
        this.next = next;
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        this.tracer = OpenTelemetrySdk.builder().setTracerProvider(provider).build().getTracer("dev.gearbox");
    }

    @Override
    public void record(LedgerRecord r) {
        try {
            long start = r.epochMillis();
            String model = r.servedModel() != null ? r.servedModel() : r.requestedModel();
            Span span = tracer.spanBuilder("chat " + model).setSpanKind(SpanKind.SERVER).setNoParent()
                    .setStartTimestamp(start, TimeUnit.MILLISECONDS)
                    .setAttribute(OPERATION, "chat")
                    .setAttribute(REQUEST_MODEL, r.requestedModel())
                    .setAttribute(REQUEST_ID, r.requestId())
                    .setAttribute(COST, r.costUsd())
                    .startSpan();
            if (r.servedModel() != null) span.setAttribute(RESPONSE_MODEL, r.servedModel());
            if (r.provider() != null) span.setAttribute(PROVIDER, r.provider());
            span.setAttribute(INPUT_TOKENS, (long) r.usage().inputTokens());
            span.setAttribute(OUTPUT_TOKENS, (long) r.usage().outputTokens());
            if (!Double.isNaN(r.baselineCostUsd())) span.setAttribute(BASELINE_COST, r.baselineCostUsd());
            if (r.decision() != null) {
                span.setAttribute(ROUTE, r.decision().route());
                span.setAttribute(REASON, r.decision().reason());
            }
            long offset = 0;
            for (AttemptRecord a : r.attempts()) {
                Span child = tracer.spanBuilder((a.kind() == AttemptRecord.Kind.JUDGE ? "judge " : "chat ") + a.model())
                        .setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(span))
                        .setStartTimestamp(start + offset, TimeUnit.MILLISECONDS)
                        .setAttribute(OPERATION, "chat")
                        .setAttribute(PROVIDER, String.valueOf(a.provider()))
                        .setAttribute(REQUEST_MODEL, a.model())
                        .setAttribute(INPUT_TOKENS, (long) a.usage().inputTokens())
                        .setAttribute(OUTPUT_TOKENS, (long) a.usage().outputTokens())
                        .setAttribute(COST, a.costUsd())
                        .startSpan();
                if (a.errorClass() != null) {
                    child.setAttribute(ERROR_TYPE, a.errorClass().name().toLowerCase(Locale.ROOT));
                    child.setStatus(StatusCode.ERROR);
                }
                offset += a.latencyMillis();
                child.end(start + offset, TimeUnit.MILLISECONDS);
            }
            if (r.status() >= 400) {
                span.setAttribute(ERROR_TYPE, r.errorClass() == null ? Integer.toString(r.status())
                        : r.errorClass().name().toLowerCase(Locale.ROOT));
                span.setStatus(StatusCode.ERROR);
            }
            span.end(start + r.latencyMillis(), TimeUnit.MILLISECONDS);
        } finally {
            next.record(r);
        }
    }

    /** Exports what is buffered now. */
    public void flush() {
        provider.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
        next.close();
    }

    @Override
    public dev.gearbox.ledger.LedgerStore store() {
        return next.store();
    }
}
