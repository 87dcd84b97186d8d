package com.productos.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.productos.rpc.protocol.ProductOsClient;
import com.productos.rpc.protocol.ProductOsServer;
import com.productos.rpc.protocol.RpcMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.services.ServiceEndpoints;
import org.junit.jupiter.api.Test;

/** The method names lsp4j derives from the annotated interfaces are exactly those named in RpcMethods. */
class RpcMethodsTest {
    @Test
    void serverMethodsShouldBeExactlyTheNamedOnes() {
        List<String> requests = new ArrayList<>();
        List<String> notifications = new ArrayList<>();
        for (JsonRpcMethod method :
                ServiceEndpoints.getSupportedMethods(ProductOsServer.class).values()) {
            (method.isNotification() ? notifications : requests).add(method.getMethodName());
        }
        assertEquals(Set.copyOf(RpcMethods.REQUESTS), Set.copyOf(requests));
        assertEquals(RpcMethods.REQUESTS.size(), requests.size());
        assertEquals(RpcMethods.CLIENT_NOTIFICATIONS, notifications);
    }

    @Test
    void clientNotificationsShouldBeExactlyTheNamedOnes() {
        List<String> names = new ArrayList<>();
        for (JsonRpcMethod method :
                ServiceEndpoints.getSupportedMethods(ProductOsClient.class).values()) {
            assertEquals(true, method.isNotification(), method.getMethodName() + " must be a notification");
            names.add(method.getMethodName());
        }
        assertEquals(Set.copyOf(RpcMethods.NOTIFICATIONS), Set.copyOf(names));
        assertEquals(RpcMethods.NOTIFICATIONS.size(), names.size());
    }
}
