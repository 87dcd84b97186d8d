package com.productos.deploy.cloud;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.run.v2.RevisionsClient;
import com.google.cloud.run.v2.RevisionsSettings;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesSettings;
import com.productos.googlecloud.CloudSettings;
import java.io.IOException;
import java.time.Duration;

/**
 * The Cloud Run clients (HTTP/JSON transport), with long-running operations polled
 * as deploy.cloudrun's poll and timeout settings say.
 */
final class CloudClients implements AutoCloseable {
    final ServicesClient services;
    final RevisionsClient revisions;

    private CloudClients(ServicesClient services, RevisionsClient revisions) {
        this.services = services;
        this.revisions = revisions;
    }

    static CloudClients create(CloudSettings settings, CredentialsProvider credentials) throws IOException {
        OperationTimedPollAlgorithm polling = OperationTimedPollAlgorithm.create(RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(settings.pollInitial())
                .setRetryDelayMultiplier(1.5)
                .setMaxRetryDelayDuration(settings.pollMax())
                .setInitialRpcTimeoutDuration(Duration.ZERO)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(Duration.ZERO)
                .setTotalTimeoutDuration(settings.operationTimeout())
                .build());

        ServicesSettings.Builder services = ServicesSettings.newHttpJsonBuilder()
                .setEndpoint(settings.runEndpoint())
                .setCredentialsProvider(credentials);
        services.createServiceOperationSettings().setPollingAlgorithm(polling);
        services.updateServiceOperationSettings().setPollingAlgorithm(polling);
        RevisionsSettings.Builder revisions = RevisionsSettings.newHttpJsonBuilder()
                .setEndpoint(settings.runEndpoint())
                .setCredentialsProvider(credentials);

        ServicesClient servicesClient = ServicesClient.create(services.build());
        try {
            return new CloudClients(servicesClient, RevisionsClient.create(revisions.build()));
        } catch (IOException | RuntimeException e) {
            servicesClient.close();
            throw e;
        }
    }

    @Override
    public void close() {
        services.close();
        revisions.close();
    }
}
