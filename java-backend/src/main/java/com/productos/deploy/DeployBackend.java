package com.productos.deploy;

import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorRequest;

/** Where services are deployed: the local process target or Cloud Build + Cloud Run. */
public interface DeployBackend extends AutoCloseable {
    DeployOutcome deploy(DeployRequest request, ExecutorRequest call) throws ExecutorFailure;

    ServiceStatus status(String serviceName, String region) throws ExecutorFailure;

    RollbackOutcome rollback(RollbackRequest request, ExecutorRequest call) throws ExecutorFailure;

    @Override
    void close();
}
