package com.productos.deploy.cloud;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.CreateServiceRequest;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.IngressTraffic;
import com.google.cloud.run.v2.ResourceRequirements;
import com.google.cloud.run.v2.Revision;
import com.google.cloud.run.v2.RevisionScaling;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.productos.deploy.DeployBackend;
import com.productos.deploy.DeployOutcome;
import com.productos.deploy.DeployRequest;
import com.productos.deploy.DeploySettings;
import com.productos.deploy.RollbackOutcome;
import com.productos.deploy.RollbackRequest;
import com.productos.deploy.ServiceStatus;
import com.productos.executors.ExecutorFailure;
import com.productos.executors.ExecutorRequest;
import com.productos.executors.InputFields;
import com.productos.googlecloud.CloudSettings;
import com.productos.googlecloud.GoogleCredentialsSource;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Deploys with Cloud Build (REST v1: git source, docker build, image pushed to Artifact Registry) and
 * the Cloud Run Admin API v2 (google-cloud-run client, HTTP/JSON transport). Operations are polled with deploy.cloudrun's bounded settings; a failed or
 * timed-out operation is a clear error and Cloud Run keeps serving the last ready revision.
 */
public final class CloudRunDeployBackend implements DeployBackend {
    private static final DateTimeFormatter TAG_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final CloudSettings settings;
    private final GoogleCredentialsSource credentials;
    private final Clock clock;
    private final CloudBuildRunner builds;
    private CloudClients clients;

    public CloudRunDeployBackend(CloudSettings settings, GoogleCredentialsSource credentials, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
        this.builds = new CloudBuildRunner(settings, credentials);
    }

    public static CloudRunDeployBackend create(CloudSettings settings, Clock clock) {
        return new CloudRunDeployBackend(settings, new GoogleCredentialsSource(settings), clock);
    }

    /** Clients are made on first use, so missing credentials fail the call that needs them, not the backend. */
    private synchronized CloudClients clients() throws ExecutorFailure {
        if (clients == null) {
            try {
                clients = CloudClients.create(settings, credentials.provider());
            } catch (IOException e) {
                throw ExecutorFailure.unavailable("cannot create the Google Cloud clients: " + e.getMessage());
            }
        }
        return clients;
    }

    // ---------------------------------------------------------------- deploy

    @Override
    public DeployOutcome deploy(DeployRequest request, ExecutorRequest call) throws ExecutorFailure {
        if (settings.imageRepository() == null) {
            throw new ExecutorFailure(
                    503,
                    "not_configured",
                    "deploy.cloudrun.image_repository is not set; set it in"
                            + " .productos/config.yaml to an Artifact Registry repository such as us-central1-docker.pkg.dev/"
                            + settings.project() + "/services");
        }
        if (!request.repo().startsWith("https://")) {
            throw InputFields.invalid(
                    "/repo",
                    "Cloud Build needs a git repository URL it can fetch (https://...), was '" + request.repo()
                            + "'; deploy local paths with deploy.backend: local");
        }
        CloudClients clients = clients();
        List<String> warnings = new ArrayList<>();
        String image = settings.imageRepository() + "/" + request.serviceName() + ":" + TAG_TIME.format(clock.instant())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        CloudBuildRunner.BuiltImage build = builds.build(request, image, call.log());
        String deployedImage = build.image();
        call.log().info("build " + build.buildId() + " pushed " + deployedImage);

        String name = serviceName(request.region(), request.serviceName());
        Optional<Service> existing = find(clients, name);
        RevisionTemplate template = template(request, deployedImage);
        Service service;
        try {
            if (existing.isEmpty()) {
                call.log().info("creating Cloud Run service " + name);
                Service created = Service.newBuilder()
                        .setTemplate(template)
                        .setIngress(IngressTraffic.INGRESS_TRAFFIC_ALL)
                        .addTraffic(latest100())
                        .build();
                service = clients.services
                        .createServiceAsync(CreateServiceRequest.newBuilder()
                                .setParent(parent(request.region()))
                                .setServiceId(request.serviceName())
                                .setService(created)
                                .build())
                        .get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                call.log().info("updating Cloud Run service " + name);
                // A new deploy takes all traffic back from a rollback's pinned revision.
                Service updated = existing.get().toBuilder()
                        .setTemplate(template)
                        .clearTraffic()
                        .addTraffic(latest100())
                        .build();
                service = clients.services
                        .updateServiceAsync(UpdateServiceRequest.newBuilder()
                                .setService(updated)
                                .build())
                        .get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while deploying " + name);
        } catch (Exception e) {
            ExecutorFailure failure =
                    CloudErrors.map(e, "deploying image " + deployedImage + " to Cloud Run service " + name);
            throw new ExecutorFailure(
                    failure.httpStatus(),
                    failure.code(),
                    failure.getMessage() + "; the previously ready revision keeps serving",
                    failure.details());
        }
        if (service.getTerminalCondition().getState() == Condition.State.CONDITION_FAILED) {
            throw new ExecutorFailure(
                    422,
                    "deploy_failed",
                    "Cloud Run service " + name + " did not become ready: "
                            + service.getTerminalCondition().getMessage()
                            + "; the previously ready revision keeps serving");
        }
        if (request.settings().allowUnauthenticated()) allowUnauthenticated(clients, name, warnings);
        String revision = shortName(
                service.getLatestReadyRevision().isEmpty()
                        ? service.getLatestCreatedRevision()
                        : service.getLatestReadyRevision());
        call.log().info("revision " + revision + " of " + request.serviceName() + " is serving at " + service.getUri());
        return new DeployOutcome(service.getUri(), revision, build.buildId(), warnings);
    }

    private static RevisionTemplate template(DeployRequest request, String image) {
        DeploySettings deploy = request.settings();
        Container.Builder container = Container.newBuilder().setImage(image);
        request.envVars()
                .forEach((name, value) ->
                        container.addEnv(EnvVar.newBuilder().setName(name).setValue(value)));
        if (deploy.cpu() != null || deploy.memory() != null) {
            ResourceRequirements.Builder limits = ResourceRequirements.newBuilder();
            if (deploy.cpu() != null) limits.putLimits("cpu", deploy.cpu());
            if (deploy.memory() != null) limits.putLimits("memory", deploy.memory());
            container.setResources(limits);
        }
        RevisionTemplate.Builder template = RevisionTemplate.newBuilder().addContainers(container);
        if (deploy.minInstances() != null || deploy.maxInstances() != null) {
            RevisionScaling.Builder scaling = RevisionScaling.newBuilder();
            if (deploy.minInstances() != null) scaling.setMinInstanceCount(deploy.minInstances());
            if (deploy.maxInstances() != null) scaling.setMaxInstanceCount(deploy.maxInstances());
            template.setScaling(scaling);
        }
        if (deploy.concurrency() != null) template.setMaxInstanceRequestConcurrency(deploy.concurrency());
        if (deploy.timeoutSeconds() != null) {
            template.setTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(deploy.timeoutSeconds()));
        }
        if (deploy.serviceAccountEmail() != null) template.setServiceAccount(deploy.serviceAccountEmail());
        return template.build();
    }

    private static void allowUnauthenticated(CloudClients clients, String name, List<String> warnings) {
        try {
            Policy policy = clients.services.getIamPolicy(
                    GetIamPolicyRequest.newBuilder().setResource(name).build());
            boolean granted = policy.getBindingsList().stream()
                    .anyMatch(b -> b.getRole().equals("roles/run.invoker")
                            && b.getMembersList().contains("allUsers"));
            if (granted) return;
            Policy updated = policy.toBuilder()
                    .addBindings(
                            Binding.newBuilder().setRole("roles/run.invoker").addMembers("allUsers"))
                    .build();
            clients.services.setIamPolicy(SetIamPolicyRequest.newBuilder()
                    .setResource(name)
                    .setPolicy(updated)
                    .build());
        } catch (RuntimeException e) {
            warnings.add("the service is deployed but unauthenticated access could not be granted ("
                    + CloudErrors.map(e, "granting roles/run.invoker to allUsers")
                            .getMessage()
                    + "); an organisation policy may forbid allUsers");
        }
    }

    // ---------------------------------------------------------------- status

    @Override
    public ServiceStatus status(String serviceName, String region) throws ExecutorFailure {
        String name = serviceName(region, serviceName);
        Service service = find(clients(), name)
                .orElseThrow(() -> ExecutorFailure.notFound("Cloud Run service " + name
                        + " does not exist; check service_name and region, or deploy it first"));
        Instant updated = service.hasUpdateTime()
                ? Instant.ofEpochSecond(
                        service.getUpdateTime().getSeconds(),
                        service.getUpdateTime().getNanos())
                : null;
        return new ServiceStatus(
                serviceName,
                region,
                service.getUri(),
                shortName(service.getLatestReadyRevision()),
                CloudRunStatus.of(service),
                updated,
                null);
    }

    // ---------------------------------------------------------------- rollback

    @Override
    public RollbackOutcome rollback(RollbackRequest request, ExecutorRequest call) throws ExecutorFailure {
        CloudClients clients = clients();
        String name = serviceName(request.region(), request.serviceName());
        Service service = find(clients, name)
                .orElseThrow(() -> ExecutorFailure.notFound(
                        "Cloud Run service " + name + " does not exist; check service_name and region"));
        String current = servingRevision(service);
        List<Revision> revisions = listRevisions(clients, name);
        Revision target = request.toPrevious()
                ? previousReady(revisions, current)
                        .orElseThrow(() -> ExecutorFailure.conflict("Cloud Run service " + name
                                + " has no ready revision older than " + current + "; nothing to roll back to"))
                : namedRevision(revisions, shortName(request.targetRevision()), name);
        String targetName = shortName(target.getName());
        call.log()
                .info("sending 100% of " + request.serviceName() + " traffic to " + targetName + " (was " + current
                        + ")");
        Service updated = service.toBuilder()
                .clearTraffic()
                .addTraffic(TrafficTarget.newBuilder()
                        .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION)
                        .setRevision(targetName)
                        .setPercent(100))
                .build();
        Service result;
        try {
            result = clients.services
                    .updateServiceAsync(UpdateServiceRequest.newBuilder()
                            .setService(updated)
                            .build())
                    .get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExecutorFailure.unavailable("interrupted while rolling back " + name);
        } catch (Exception e) {
            ExecutorFailure failure = CloudErrors.map(e, "moving traffic of " + name + " to " + targetName);
            throw new ExecutorFailure(
                    failure.httpStatus(),
                    failure.code(),
                    failure.getMessage() + "; traffic is unchanged",
                    failure.details());
        }
        return new RollbackOutcome(result.getUri(), targetName, current);
    }

    private static String servingRevision(Service service) {
        for (TrafficTargetStatus status : service.getTrafficStatusesList()) {
            if (status.getPercent() == 100) {
                return status.getRevision().isEmpty()
                        ? shortName(service.getLatestReadyRevision())
                        : shortName(status.getRevision());
            }
        }
        return shortName(service.getLatestReadyRevision());
    }

    private List<Revision> listRevisions(CloudClients clients, String serviceName) throws ExecutorFailure {
        try {
            List<Revision> all = new ArrayList<>();
            clients.revisions.listRevisions(serviceName).iterateAll().forEach(all::add);
            return all;
        } catch (RuntimeException e) {
            throw CloudErrors.map(e, "listing the revisions of " + serviceName);
        }
    }

    private static Optional<Revision> previousReady(List<Revision> revisions, String current) {
        Revision serving = revisions.stream()
                .filter(r -> shortName(r.getName()).equals(current))
                .findFirst()
                .orElse(null);
        Comparator<Revision> byCreation = Comparator.comparing(r -> Instant.ofEpochSecond(
                r.getCreateTime().getSeconds(), r.getCreateTime().getNanos()));
        return revisions.stream()
                .filter(CloudRunDeployBackend::isReady)
                .filter(r -> !shortName(r.getName()).equals(current))
                .filter(r -> serving == null || byCreation.compare(r, serving) < 0)
                .max(byCreation);
    }

    private static Revision namedRevision(List<Revision> revisions, String target, String service)
            throws ExecutorFailure {
        Revision revision = revisions.stream()
                .filter(r -> shortName(r.getName()).equals(target))
                .findFirst()
                .orElseThrow(() -> InputFields.invalid(
                        "/target_revision",
                        "revision '" + target + "' of " + service
                                + " does not exist; kept revisions: "
                                + String.join(
                                        ", ",
                                        revisions.stream()
                                                .map(r -> shortName(r.getName()))
                                                .toList())));
        if (!isReady(revision)) {
            throw InputFields.invalid(
                    "/target_revision", "revision " + target + " is not ready and cannot take traffic");
        }
        return revision;
    }

    private static boolean isReady(Revision revision) {
        return revision.getConditionsList().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getState() == Condition.State.CONDITION_SUCCEEDED);
    }

    // ---------------------------------------------------------------- names

    private Optional<Service> find(CloudClients clients, String name) throws ExecutorFailure {
        try {
            return Optional.of(clients.services.getService(name));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw CloudErrors.map(e, "reading Cloud Run service " + name);
        }
    }

    private String parent(String region) {
        return "projects/" + settings.project() + "/locations/" + region;
    }

    private String serviceName(String region, String service) {
        return parent(region) + "/services/" + service;
    }

    private static TrafficTarget latest100() {
        return TrafficTarget.newBuilder()
                .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST)
                .setPercent(100)
                .build();
    }

    static String shortName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public synchronized void close() {
        if (clients != null) clients.close();
        clients = null;
    }
}
