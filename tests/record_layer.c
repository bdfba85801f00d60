/*
 * The record layer as strict as RFC 8446 section 5 and RFC 5246 section 6, with records crafted from
 * real ones: a TLS 1.3 record whose outer type is not application_data, change_cipher_spec after the
 * handshake or with a value other than 1 during it.  Each ends the connection with an
 * unexpected_message alert, which the peer reads.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "tls_support.h"

#include "wine/test.h"
#include "test_support.h"

static PCCERT_CONTEXT cert;

static void close_peers(struct peer *client, struct peer *server)
{
    release_peer(client);
    release_peer(server);
}

/* After a refused record: the receiver's next step hands out its alert, which the sender reads as
 * unexpected_message (SEC_E_ILLEGAL_MESSAGE in Microsoft's table); both contexts are closed. */
static void check_alert_sent(struct peer *receiver, struct peer *sender, const char *name)
{
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    sender->in_size = 0;
    status = step_peer(receiver, sender, NULL);
    ok(status == SEC_E_OK && sender->in_size > 5, "%s: alert step: %#lx, %u bytes\n", name, status,
       (unsigned)sender->in_size);
    status = decrypt_received(sender, bufs);
    ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: the peer read %#lx\n", name, status);
    ok(step_peer(receiver, sender, NULL) == SEC_E_INCOMPLETE_MESSAGE, "%s: alert sent twice\n", name);
    ok(send_message(receiver, sender, "late", 4) == SEC_E_CONTEXT_EXPIRED, "%s: encrypt after the alert\n", name);
    ok(send_message(sender, receiver, "late", 4) == SEC_E_CONTEXT_EXPIRED, "%s: peer encrypt after the alert\n", name);
}

/* A record of the sender's, with its outer type byte changed to TYPE. */
static void test_outer_type(DWORD protocol, BYTE type, SECURITY_STATUS expect, const char *name)
{
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    if (!connect_peers(&client, &server, protocol, cert)) { ok(0, "%s: no connection\n", name); return; }
    server.in_size = 0;
    send_message(&client, &server, "typed", 5);
    server.in[0] = type;
    status = decrypt_received(&server, bufs);
    ok(status == expect, "%s: %#lx\n", name, status);
    if (expect == SEC_E_ILLEGAL_MESSAGE)
    {
        /* Every record after that is refused too, the next good one as well. */
        server.in_size = 0;
        send_message(&client, &server, "after", 5);
        status = decrypt_received(&server, bufs);
        ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: next record: %#lx\n", name, status);
        check_alert_sent(&server, &client, name);
    }
    else if (expect == SEC_E_OK)
        ok(bufs[1].cbBuffer == 5 && !memcmp(bufs[1].pvBuffer, "typed", 5), "%s: data\n", name);
    close_peers(&client, &server);
}

/* A change_cipher_spec record after the handshake, in plain text. */
static void test_late_ccs(DWORD protocol, const char *name)
{
    static const BYTE ccs[] = { 0x14, 0x03, 0x03, 0x00, 0x01, 0x01 };
    struct peer client, server;
    SecBuffer bufs[4];
    SECURITY_STATUS status;

    if (!connect_peers(&client, &server, protocol, cert)) { ok(0, "%s: no connection\n", name); return; }
    memcpy(client.in, ccs, sizeof(ccs));
    client.in_size = sizeof(ccs);
    status = decrypt_received(&client, bufs);
    ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: %#lx\n", name, status);
    check_alert_sent(&client, &server, name);
    close_peers(&client, &server);
}

/* The first change_cipher_spec record in PEER's input, or NULL. */
static BYTE *find_ccs(struct peer *peer)
{
    SIZE_T pos;

    for (pos = 0; pos + 5 <= peer->in_size; pos += 5 + (peer->in[pos + 3] << 8 | peer->in[pos + 4]))
        if (peer->in[pos] == 0x14) return peer->in + pos;
    return NULL;
}

/* The client's change_cipher_spec in the handshake (TLS 1.3's compatibility record, TLS 1.2's real
 * one) with the value VALUE: refused by the server, whose alert the client reads. */
static void test_handshake_ccs(DWORD protocol, BYTE value, const char *name)
{
    struct peer client, server;
    SECURITY_STATUS status;
    SIZE_T before;
    BYTE *ccs;

    acquire_peer(&client, FALSE, protocol & CLIENT_PROTOCOLS, NULL);
    acquire_peer(&server, TRUE, protocol & SERVER_PROTOCOLS, cert);
    step_peer(&client, &server, "localhost");
    step_peer(&server, &client, NULL);
    step_peer(&client, &server, "localhost");
    if (!(ccs = find_ccs(&server))) { skip("%s: no change_cipher_spec from the client\n", name); close_peers(&client, &server); return; }
    ok(ccs[3] == 0 && ccs[4] == 1 && ccs[5] == 1, "%s: change_cipher_spec %02x%02x %02x\n", name, ccs[3], ccs[4], ccs[5]);
    ccs[5] = value;
    /* A TLS 1.3 client may hold the server's tickets already. */
    before = client.in_size;
    status = step_peer(&server, &client, NULL);
    ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: %#lx\n", name, status);
    /* The alert went into the ALERT buffer (ASC_REQ_EXTENDED_ERROR): in TLS 1.2 before any key, in
     * TLS 1.3 under the server's traffic keys. */
    if (protocol & SP_PROT_TLS1_2)
        ok(client.in_size - before == 7 && !memcmp(client.in + before, "\x15\x03\x03\x00\x02\x02\x0a", 7),
           "%s: alert of %u bytes\n", name, (unsigned)(client.in_size - before));
    else ok(client.in_size - before > 5 && client.in[before] == 0x17, "%s: alert of %u bytes\n", name,
            (unsigned)(client.in_size - before));
    if (protocol & SP_PROT_TLS1_3)
    {
        /* A TLS 1.3 client is connected already: it reads the alert as a record, after the tickets. */
        status = receive_records(&client, &server, "localhost");
        ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: the client read %#lx\n", name, status);
    }
    else
    {
        status = step_peer(&client, &server, "localhost");
        ok(status == SEC_E_ILLEGAL_MESSAGE, "%s: the client's step: %#lx\n", name, status);
    }
    close_peers(&client, &server);
}

START_TEST(record_layer)
{
    if (!(cert = start_server_tests())) return;
    /* TLS 1.3: only application_data outside; GnuTLS would decrypt 21, 22, 24 by the inner type. */
    test_outer_type(SP_PROT_TLS1_3, 20, SEC_E_ILLEGAL_MESSAGE, "TLS 1.3 outer type 20");
    test_outer_type(SP_PROT_TLS1_3, 21, SEC_E_ILLEGAL_MESSAGE, "TLS 1.3 outer type 21");
    test_outer_type(SP_PROT_TLS1_3, 22, SEC_E_ILLEGAL_MESSAGE, "TLS 1.3 outer type 22");
    test_outer_type(SP_PROT_TLS1_3, 24, SEC_E_ILLEGAL_MESSAGE, "TLS 1.3 outer type 24");
    test_outer_type(SP_PROT_TLS1_3, 0x80, SEC_E_ILLEGAL_MESSAGE, "TLS 1.3 outer type 128");
    test_outer_type(SP_PROT_TLS1_3, 23, SEC_E_OK, "TLS 1.3 outer type 23");
    /* TLS 1.2: the type is authenticated, so another one fails the MAC; heartbeats and unknown types
     * are refused before that. */
    test_outer_type(SP_PROT_TLS1_2, 22, SEC_E_DECRYPT_FAILURE, "TLS 1.2 outer type 22");
    test_outer_type(SP_PROT_TLS1_2, 20, SEC_E_ILLEGAL_MESSAGE, "TLS 1.2 outer type 20");
    test_outer_type(SP_PROT_TLS1_2, 24, SEC_E_ILLEGAL_MESSAGE, "TLS 1.2 outer type 24");
    test_late_ccs(SP_PROT_TLS1_3, "TLS 1.3 change_cipher_spec after the handshake");
    test_late_ccs(SP_PROT_TLS1_2, "TLS 1.2 change_cipher_spec after the handshake");
    test_handshake_ccs(SP_PROT_TLS1_3, 2, "TLS 1.3 change_cipher_spec 2");
    test_handshake_ccs(SP_PROT_TLS1_3, 0, "TLS 1.3 change_cipher_spec 0");
    test_handshake_ccs(SP_PROT_TLS1_2, 2, "TLS 1.2 change_cipher_spec 2");
    free_test_certificate(cert);
}
