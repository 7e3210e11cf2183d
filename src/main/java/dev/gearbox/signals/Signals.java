package dev.gearbox.signals;

/**
 * What Gearbox knows about a request before choosing a model, computed once in the signals stage.
 * Policies read these instead of re-inspecting the request.
 *
 * @param inputTokens     estimated prompt tokens (jtokkit o200k)
 * @param turns           number of user and assistant turns (conversation depth)
 * @param hasCode         a fenced code block or code-like text is present
 * @param toolsRequested  the request offers tools
 * @param hasImages       an image part is present
 * @param wantsJson       JSON mode or a JSON schema was requested
 * @param maxOutputTokens the requested output cap, or 0 when none
 */
public record Signals(int inputTokens, int turns, boolean hasCode, boolean toolsRequested, boolean hasImages,
                      boolean wantsJson, int maxOutputTokens) {}
