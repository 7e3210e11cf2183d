package dev.gearbox.eval;

import java.util.List;

/**
 * What a policy may look at when it is built for an evaluation: the routeset it will be scored
 * on (to know the models and scale, never to peek at its scores unless it is an oracle), the
 * training routesets given with {@code --train}, and the seed.
 */
public record PolicyContext(Routeset data, List<Routeset> train, long seed) {
    public PolicyContext {
        train = List.copyOf(train);
    }
}
