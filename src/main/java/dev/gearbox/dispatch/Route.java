package dev.gearbox.dispatch;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.config.Deployment;
import dev.gearbox.providers.ProviderAdapter;

/** One step of an attempt plan: a model, one of its deployments, and the adapter that speaks to it. */
record Route(ModelInfo model, Deployment deployment, ProviderAdapter adapter) {}
