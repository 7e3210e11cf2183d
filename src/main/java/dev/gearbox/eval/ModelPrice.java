package dev.gearbox.eval;

/** A model's approximate list price when the routeset was made, in USD per million tokens. */
public record ModelPrice(double inputPerMTok, double outputPerMTok) {
    /** What a call with these token counts costs, in USD. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMTok + outputTokens * outputPerMTok) / 1_000_000.0;
    }
}
