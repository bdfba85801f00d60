/*
 * Our client against a real TLS server on loopback, started by tests/real-peers.sh:
 *   SECUR32_PEER_PORT      the server's port
 *   SECUR32_PEER_PROTOCOL  12 or 13: the one TLS version to allow
 *   SECUR32_PEER_SEND / SECUR32_PEER_EXPECT  a line to send, and the reply to expect
 *   SECUR32_PEER_ROOT      validate the server's chain (SCH_CRED_AUTO_CRED_VALIDATION), with this
 *                          DER root installed in LocalMachine\Root for the run ("-": none installed)
 *   SECUR32_PEER_STATUS    the handshake status to expect, in decimal (default SEC_E_OK)
 *   SECUR32_PEER_CLIENT_PFX  a PFX (password "secret") whose certificate the client presents, its key
 *                          imported non-exportable (SECUR32_PEER_CLIENT_EXPORTABLE=1: exportable)
 * Without a port it skips, so `make check` alone runs it as a no-op.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "net_support.h"
#include "pki_support.h"

#include "wine/test.h"
#include "test_support.h"

static DWORD protocol_bits(DWORD version)
{
    return version == 13 ? SP_PROT_TLS1_3_CLIENT : SP_PROT_TLS1_2_CLIENT;
}

static PCCERT_CONTEXT read_certificate(const char *file)
{
    HANDLE handle = CreateFileA(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    PCCERT_CONTEXT cert = NULL;
    BYTE der[4096];
    DWORD size;

    if (handle == INVALID_HANDLE_VALUE) return NULL;
    if (ReadFile(handle, der, sizeof(der), &size, NULL))
        cert = CertCreateCertificateContext(X509_ASN_ENCODING, der, size);
    CloseHandle(handle);
    return cert;
}

/* SECUR32_PEER_CLIENT_PFX: the client certificate, or NULL. */
static PCCERT_CONTEXT client_certificate(void)
{
    char file[MAX_PATH];
    HANDLE handle;
    BYTE pfx[8192];
    DWORD size = 0;

    if (!GetEnvironmentVariableA("SECUR32_PEER_CLIENT_PFX", file, sizeof(file))) return NULL;
    handle = CreateFileA(file, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ok(handle != INVALID_HANDLE_VALUE, "no file %s\n", file);
    if (handle == INVALID_HANDLE_VALUE) return NULL;
    ReadFile(handle, pfx, sizeof(pfx), &size, NULL);
    CloseHandle(handle);
    return import_pfx(pfx, size, L"secret", env_number("SECUR32_PEER_CLIENT_EXPORTABLE") ? CRYPT_EXPORTABLE : 0);
}

static void connect_and_talk(DWORD port, DWORD version, BOOL validate)
{
    char send_line[128] = "", expect[128] = "", reply[512];
    SecPkgContext_ConnectionInfo info;
    struct net_conn conn = { INVALID_SOCKET };
    SECURITY_STATUS status, expect_status = env_number("SECUR32_PEER_STATUS");
    SIZE_T size, total = 0;
    PCCERT_CONTEXT cert = client_certificate();

    net_read_exchange(send_line, sizeof(send_line), expect, sizeof(expect));
    if (cert)
        status = acquire_peer(&conn.peer, FALSE, protocol_bits(version), cert);
    else if (validate)
        status = acquire_client(&conn.peer, protocol_bits(version), SCH_CRED_AUTO_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS);
    else
        status = acquire_peer(&conn.peer, FALSE, protocol_bits(version), NULL);
    ok(status == SEC_E_OK, "credentials: %#lx\n", status);
    conn.target = "localhost";
    net_use_alpn(&conn);
    ok(net_connect(&conn, port), "no connection to port %lu\n", port);
    if (conn.sock == INVALID_SOCKET) return;

    status = net_handshake(&conn);
    ok(status == expect_status, "TLS 1.%lu handshake: %#lx, expected %#lx\n", version - 10, status, expect_status);
    if (status != SEC_E_OK) { net_close(&conn); return; }
    ok(conn.peer.attrs == CLIENT_REQ, "attributes %#lx\n", conn.peer.attrs);
    net_print_alpn(&conn);
    ok(QueryContextAttributesA(&conn.peer.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK, "CONNECTION_INFO\n");
    ok(info.dwProtocol == protocol_bits(version), "protocol %#lx\n", info.dwProtocol);

    ok(net_send(&conn, send_line, strlen(send_line)) == SEC_E_OK, "send failed\n");
    while (total < strlen(expect) && (status = net_recv(&conn, reply + total, sizeof(reply) - 1 - total, &size)) == SEC_E_OK)
        total += size;
    reply[total] = 0;
    ok(!strncmp(reply, expect, strlen(expect)), "reply \"%s\", expected \"%s\" (%#lx)\n", reply, expect, status);
    /* SECUR32_PEER_SEND2: one more line after the reply, for the script to find at the server. */
    if (GetEnvironmentVariableA("SECUR32_PEER_SEND2", send_line, sizeof(send_line) - 1))
    {
        strcat(send_line, "\n");
        ok(net_send(&conn, send_line, strlen(send_line)) == SEC_E_OK, "second send failed\n");
        Sleep(500);
    }
    printf("renegotiations: %u\n", conn.renegotiations);
    ok(net_shutdown(&conn) == SEC_E_OK, "shutdown failed\n");
    net_close(&conn);
}

START_TEST(peer_client)
{
    DWORD port = env_number("SECUR32_PEER_PORT"), version = env_number("SECUR32_PEER_PROTOCOL");
    PCCERT_CONTEXT root = NULL;
    char root_file[MAX_PATH];
    BOOL validate;

    if (!port)
    {
        skip("no peer: SECUR32_PEER_PORT is not set\n");
        return;
    }
    /* Before any chain is built: Wine's chain engine reads the root store once. */
    validate = GetEnvironmentVariableA("SECUR32_PEER_ROOT", root_file, sizeof(root_file)) != 0;
    if (validate && strcmp(root_file, "-"))
    {
        root = read_certificate(root_file);
        ok(root != NULL, "no certificate in %s\n", root_file);
        if (root && !install_root(root))
        {
            ok(0, "root not installed: %#lx\n", GetLastError());
            CertFreeCertificateContext(root);
            root = NULL;
        }
    }
    connect_and_talk(port, version, validate);
    if (!root) return;
    remove_root(root);
    CertFreeCertificateContext(root);
}
