/*
 * A C client of kstatd built from protocol/kstat.x by rpcgen (-h header, -c XDR
 * routines, -l client stubs) against libtirpc, for test/live/rpcgen-client.test.ts:
 * CHAINID, READ(0) (its RAW bytes decoded with the generated xdr_kstat_headers_x), then
 * READ of the kid given, printed one fact per line for the test to compare with our own
 * client's reading. Usage: rpcgen-client PORT KID (kstatd on 127.0.0.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <rpc/rpc.h>
#include "kstat.h"

static CLIENT *connect_to(int port) {
	struct sockaddr_in a;
	int sock = RPC_ANYSOCK;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	return clnttcp_create(&a, KSTATPROG, KSTATVERS, &sock, 0, 0);
}

static void print_value(const kstat_named_x *s) {
	const kstat_value_x *v = &s->value;
	switch (v->data_type) {
	case KSTAT_DATA_CHAR: printf("stat %s char %.*s\n", s->name, (int)v->kstat_value_x_u.c.c_len, v->kstat_value_x_u.c.c_val); break;
	case KSTAT_DATA_INT32: printf("stat %s int32 %d\n", s->name, v->kstat_value_x_u.i32); break;
	case KSTAT_DATA_UINT32: printf("stat %s uint32 %u\n", s->name, v->kstat_value_x_u.ui32); break;
	case KSTAT_DATA_INT64: printf("stat %s int64 %lld\n", s->name, (long long)v->kstat_value_x_u.i64); break;
	case KSTAT_DATA_UINT64: printf("stat %s uint64 %llu\n", s->name, (unsigned long long)v->kstat_value_x_u.ui64); break;
	case KSTAT_DATA_STRING: printf("stat %s string %s\n", s->name, v->kstat_value_x_u.str); break;
	default: printf("stat %s unknown\n", s->name);
	}
}

int main(int argc, char **argv) {
	if (argc != 3) return 2;
	CLIENT *c = connect_to(atoi(argv[1]));
	if (c == NULL) { clnt_pcreateerror("clnttcp_create"); return 1; }
	kstat_chainid_res *ch = kstat_rpc_chainid_1(NULL, c);
	if (ch == NULL) { clnt_perror(c, "CHAINID"); return 1; }
	printf("chainid status %d id %d boot %lld\n", ch->status, ch->kstat_chainid_res_u.ok.chain_id, (long long)ch->kstat_chainid_res_u.ok.boot_time);

	int kid = 0;
	kstat_read_res *r0 = kstat_rpc_read_1(&kid, c);
	if (r0 == NULL || r0->status != KSTAT_OK) { clnt_perror(c, "READ 0"); return 1; }
	kstat_data_x *d0 = &r0->kstat_read_res_u.ok.kstat.data;
	kstat_headers_x headers;
	XDR x;
	memset(&headers, 0, sizeof headers);
	xdrmem_create(&x, d0->kstat_data_x_u.raw.raw_val, d0->kstat_data_x_u.raw.raw_len, XDR_DECODE);
	if (!xdr_kstat_headers_x(&x, &headers)) { fprintf(stderr, "kid 0 bytes do not decode\n"); return 1; }
	printf("headers chain %d count %u\n", r0->kstat_read_res_u.ok.chain_id, headers.kstat_headers_x_len);
	for (u_int i = 0; i < headers.kstat_headers_x_len; i++) {
		kstat_header_x *h = &headers.kstat_headers_x_val[i];
		printf("header %d %s:%d:%s %s %d\n", h->kid, h->module, h->instance, h->name, h->ks_class, (int)h->type);
	}

	kid = atoi(argv[2]);
	kstat_read_res *r = kstat_rpc_read_1(&kid, c);
	if (r == NULL) { clnt_perror(c, "READ"); return 1; }
	if (r->status != KSTAT_OK) { printf("read status %d\n", r->status); return 0; }
	kstat_x *k = &r->kstat_read_res_u.ok.kstat;
	printf("read %d %s:%d:%s type %d\n", k->header.kid, k->header.module, k->header.instance, k->header.name, (int)k->data.type);
	if (k->data.type == KSTAT_TYPE_NAMED)
		for (u_int i = 0; i < k->data.kstat_data_x_u.named.named_len; i++) print_value(&k->data.kstat_data_x_u.named.named_val[i]);
	clnt_destroy(c);
	return 0;
}
