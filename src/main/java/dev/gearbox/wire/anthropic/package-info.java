/**
 * Anthropic Messages API JSON, mapped to and from the canonical chat model, with no I/O.
 *
 * <p>Directions are named from Anthropic's side: {@code encode} turns canonical values into
 * Anthropic JSON, {@code decode} turns Anthropic JSON into canonical values. The provider adapter
 * uses {@link dev.gearbox.wire.anthropic.AnthropicRequests#encode} and
 * {@link dev.gearbox.wire.anthropic.AnthropicResponses#decode}; an Anthropic-format ingress adds the
 * opposite halves ({@code AnthropicRequests.decode}, {@code AnthropicResponses.encode}, a stream
 * encoder) next to them, reusing the per-concept mappings ({@link dev.gearbox.wire.anthropic.AnthropicStopReasons},
 * {@link dev.gearbox.wire.anthropic.AnthropicUsage}, {@link dev.gearbox.wire.anthropic.AnthropicErrors}).
 */
package dev.gearbox.wire.anthropic;
