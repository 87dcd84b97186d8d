package com.productos.googlecloud;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.productos.executors.ExecutorFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Google credentials for the cloud backends: a configured service-account key file, else Application
 * Default Credentials. A missing or unusable credential is an {@link ExecutorFailure} that names what to
 * set; the key's content never appears in a message.
 */
public final class GoogleCredentialsSource {
    private static final List<String> SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");
    private final CloudSettings settings;
    private GoogleCredentials loaded;

    public GoogleCredentialsSource(CloudSettings settings) {
        this.settings = settings;
    }

    /** Credentials, or empty when deploy.cloudrun.credentials is none (emulators, test fakes). */
    public synchronized Optional<GoogleCredentials> credentials() throws ExecutorFailure {
        if (settings.noCredentials()) return Optional.empty();
        if (loaded != null) return Optional.of(loaded);
        if (settings.credentialsFile() != null) {
            if (!Files.isReadable(settings.credentialsFile())) {
                throw missing("deploy.cloudrun.credentials_file points to " + settings.credentialsFile()
                        + ", which does not exist or cannot be read");
            }
            try (InputStream in = Files.newInputStream(settings.credentialsFile())) {
                loaded = GoogleCredentials.fromStream(in).createScoped(SCOPES);
            } catch (IOException | RuntimeException e) {
                throw missing(settings.credentialsFile() + " (deploy.cloudrun.credentials_file) is not a Google"
                        + " service-account key or credentials file");
            }
        } else {
            try {
                loaded = GoogleCredentials.getApplicationDefault().createScoped(SCOPES);
            } catch (IOException | RuntimeException e) {
                throw missing("no Application Default Credentials were found");
            }
        }
        return Optional.of(loaded);
    }

    public CredentialsProvider provider() throws ExecutorFailure {
        Optional<GoogleCredentials> credentials = credentials();
        return credentials.isPresent()
                ? FixedCredentialsProvider.create(credentials.get())
                : NoCredentialsProvider.create();
    }

    /** An "Authorization" header value for plain REST calls, or empty without credentials. */
    public Optional<String> authorizationHeader() throws ExecutorFailure {
        Optional<GoogleCredentials> credentials = credentials();
        if (credentials.isEmpty()) return Optional.empty();
        try {
            credentials.get().refreshIfExpired();
            return Optional.of("Bearer " + credentials.get().getAccessToken().getTokenValue());
        } catch (IOException | RuntimeException e) {
            throw new ExecutorFailure(
                    401,
                    "credentials_rejected",
                    "Google refused to issue an access token for the"
                            + " configured credentials; check deploy.cloudrun.credentials_file or GOOGLE_APPLICATION_CREDENTIALS"
                            + " (the key may be revoked or its account disabled)");
        }
    }

    private static ExecutorFailure missing(String what) {
        return new ExecutorFailure(
                503,
                "credentials_missing",
                what + "; set deploy.cloudrun.credentials_file in"
                        + " .productos/config.yaml to a service-account key file, or set GOOGLE_APPLICATION_CREDENTIALS,"
                        + " or run 'gcloud auth application-default login'");
    }
}
