package dev.gearbox.learn;

/**
 * One labelled prompt: its text, its embedding, how the strong and the weak model did on it (both
 * scaled to 0..1), and where it came from (a routeset's name, or the ledger): the trainer holds
 * sources out one at a time to see what transfers between them.
 */
public record Example(String text, float[] embedding, double strong, double weak, String source) {
    public Example(String text, float[] embedding, double strong, double weak) {
        this(text, embedding, strong, weak, "");
    }

    public double gain() {
        return strong - weak;
    }
}
