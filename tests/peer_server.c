/*
 * Our server for a real TLS client on loopback, started by tests/real-peers.sh:
 *   SECUR32_PEER_PORT      the port to listen on (one connection)
 *   SECUR32_PEER_PROTOCOL  12 or 13: the one TLS version to allow
 *   SECUR32_PEER_EXPECT / SECUR32_PEER_SEND  the line to expect, and the reply
 *   SECUR32_PEER_MUTUAL    1: ask for the client's certificate (ASC_REQ_MUTUAL_AUTH) and print its
 *                          subject ("client certificate: none" without one)
 * Without a port it skips.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "net_support.h"

#include "wine/test.h"
#include "test_support.h"

/* With SECUR32_PEER_EXPORT_LABEL, prints 20 bytes of RFC 5705 keying material for that label, for
 * the script to compare with what the client computed. */
static void print_keying_material(struct peer *peer)
{
    char label[64];
    SecPkgContext_KeyingMaterialInfo info = { 0, label, 0, NULL, 20 };
    SecPkgContext_KeyingMaterial material = { 0 };
    ULONG i;

    if (!GetEnvironmentVariableA("SECUR32_PEER_EXPORT_LABEL", label, sizeof(label))) return;
    info.cbLabel = strlen(label) + 1;
    ok(SetContextAttributesA(&peer->ctx, SECPKG_ATTR_KEYING_MATERIAL_INFO, &info, sizeof(info)) == SEC_E_OK,
       "KEYING_MATERIAL_INFO\n");
    ok(QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_KEYING_MATERIAL, &material) == SEC_E_OK, "KEYING_MATERIAL\n");
    printf("our keying material: ");
    for (i = 0; i < material.cbKeyingMaterial; i++) printf("%02X", material.pbKeyingMaterial[i]);
    printf("\n");
    FreeContextBuffer(material.pbKeyingMaterial);
}

static void print_client_certificate(struct peer *peer)
{
    PCCERT_CONTEXT cert = NULL;
    char subject[256] = "none";

    if (!env_number("SECUR32_PEER_MUTUAL")) return;
    ok(peer->attrs & ASC_RET_MUTUAL_AUTH, "attributes %#lx\n", peer->attrs);
    if (QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &cert) == SEC_E_OK)
    {
        CertNameToStrA(X509_ASN_ENCODING, &cert->pCertInfo->Subject, CERT_X500_NAME_STR, subject, sizeof(subject));
        CertFreeCertificateContext(cert);
    }
    printf("client certificate: %s\n", subject);
}

START_TEST(peer_server)
{
    DWORD port = env_number("SECUR32_PEER_PORT"), version = env_number("SECUR32_PEER_PROTOCOL");
    char send_line[128] = "", expect[128] = "", request[512];
    SecPkgContext_ConnectionInfo info;
    struct net_conn conn = { INVALID_SOCKET };
    PCCERT_CONTEXT cert;
    SECURITY_STATUS status;
    SIZE_T size, total = 0;
    DWORD protocol = version == 13 ? SP_PROT_TLS1_3_SERVER : SP_PROT_TLS1_2_SERVER;

    if (!port)
    {
        skip("no peer: SECUR32_PEER_PORT is not set\n");
        return;
    }
    net_read_exchange(send_line, sizeof(send_line), expect, sizeof(expect));

    if (!(cert = make_test_certificate("localhost"))) { ok(0, "no certificate\n"); return; }
    ok(acquire_peer(&conn.peer, TRUE, protocol, cert) == SEC_E_OK, "credentials\n");
    if (env_number("SECUR32_PEER_MUTUAL")) conn.peer.extra_req = ASC_REQ_MUTUAL_AUTH;
    net_use_alpn(&conn);
    printf("listening\n");
    ok(net_accept(&conn, port), "no client on port %lu\n", port);
    if (conn.sock != INVALID_SOCKET)
    {
        status = net_handshake(&conn);
        ok(status == SEC_E_OK, "TLS 1.%lu handshake: %#lx\n", version - 10, status);
        if (status == SEC_E_OK)
        {
            ok(QueryContextAttributesA(&conn.peer.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK &&
               info.dwProtocol == protocol, "protocol %#lx\n", info.dwProtocol);
            print_keying_material(&conn.peer);
            print_client_certificate(&conn.peer);
            net_print_alpn(&conn);
            while (total < strlen(expect) &&
                   net_recv(&conn, request + total, sizeof(request) - 1 - total, &size) == SEC_E_OK)
                total += size;
            request[total] = 0;
            ok(!strncmp(request, expect, strlen(expect)), "request \"%s\", expected \"%s\"\n", request, expect);
            ok(net_send(&conn, send_line, strlen(send_line)) == SEC_E_OK, "send failed\n");
            printf("renegotiations: %u\n", conn.renegotiations);
    ok(net_shutdown(&conn) == SEC_E_OK, "shutdown failed\n");
        }
    }
    net_close(&conn);
    free_test_certificate(cert);
}
