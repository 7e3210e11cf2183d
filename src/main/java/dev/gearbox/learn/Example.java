package dev.gearbox.learn;

/**
 * One labelled prompt: its text, its embedding, and how the strong and the weak model did on it,
 * both scaled to 0..1.
 */
public record Example(String text, float[] embedding, double strong, double weak) {
    public double gain() {
        return strong - weak;
    }
}
