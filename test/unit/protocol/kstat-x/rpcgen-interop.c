/*
 * Interop oracle for rpcgen.test: compiled with the C that rpcgen generates from
 * protocol/kstat.x and linked with libtirpc.
 *
 *   interop encode      prints "label hex" for fixed values, encoded by the generated
 *                       xdr_* routines (kstat types) and by libtirpc's own routines
 *                       (RPC messages, authsys_parms, portmapper and rpcbind bodies)
 *   interop roundtrip   reads "type hex" lines, decodes each with xdr_<type>, checks that
 *                       every byte was used, and prints "type hex" of the re-encoding,
 *                       or "type FAIL" when the decoder refuses the bytes
 *
 * The values must match the TypeScript side of rpcgen.test exactly. Initializers name
 * their fields, so a field moved in kstat.x moves its value and changes the bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <rpc/rpc.h>
#include <rpc/pmap_prot.h>
#include <rpc/rpcb_prot.h>
#include "kstat.h"

static char buf[1 << 20];

static void emit(const char *label, xdrproc_t proc, void *obj)
{
	XDR x;
	xdrmem_create(&x, buf, sizeof buf, XDR_ENCODE);
	if (!proc(&x, obj)) {
		fprintf(stderr, "encode %s failed\n", label);
		exit(2);
	}
	u_int n = xdr_getpos(&x);
	printf("%s ", label);
	for (u_int i = 0; i < n; i++)
		printf("%02x", (unsigned char)buf[i]);
	printf("\n");
	xdr_destroy(&x);
}

static kstat_header_x header(int kid, char *name, kstat_type type)
{
	kstat_header_x h = { .kid = kid, .module = "test", .instance = 0, .name = name,
		.ks_class = "misc", .type = type, .flags = 0, .crtime = 1000000,
		.snaptime = 2000000, .ndata = 1, .data_size = 8 };
	return h;
}

static kstat_named_x named[7];
static kstat_timer_x timers[2];
static char raw[5] = { 1, 2, 3, 4, 5 };

static void fill_data(void)
{
	named[0].name = "c";     named[0].value.data_type = KSTAT_DATA_CHAR;
	named[0].value.kstat_value_x_u.c.c_val = "sixteen bytes..!";
	named[0].value.kstat_value_x_u.c.c_len = 16;
	named[1].name = "i32";   named[1].value.data_type = KSTAT_DATA_INT32;
	named[1].value.kstat_value_x_u.i32 = INT32_MIN;
	named[2].name = "u32";   named[2].value.data_type = KSTAT_DATA_UINT32;
	named[2].value.kstat_value_x_u.ui32 = UINT32_MAX;
	named[3].name = "i64";   named[3].value.data_type = KSTAT_DATA_INT64;
	named[3].value.kstat_value_x_u.i64 = INT64_MIN;
	named[4].name = "u64";   named[4].value.data_type = KSTAT_DATA_UINT64;
	named[4].value.kstat_value_x_u.ui64 = UINT64_MAX;
	named[5].name = "str";   named[5].value.data_type = KSTAT_DATA_STRING;
	named[5].value.kstat_value_x_u.str = "a long string \xe2\x9c\x93 ";
	named[6].name = "empty"; named[6].value.data_type = KSTAT_DATA_CHAR;
	named[6].value.kstat_value_x_u.c.c_val = "";
	named[6].value.kstat_value_x_u.c.c_len = 0;
	kstat_timer_x t0 = { .name = "cpu0", .num_events = UINT64_MAX, .elapsed_time = 1, .min_time = 2,
		.max_time = 3, .start_time = 4, .stop_time = INT64_MIN };
	kstat_timer_x t1 = { .name = "cpu1" };
	timers[0] = t0;
	timers[1] = t1;
}

static kstat_x kstat_of(kstat_type type)
{
	static char *names[] = { "raw", "named", "intr", "io", "timer" };
	kstat_x k;
	memset(&k, 0, sizeof k);
	k.header = header(type + 1, names[type], type);
	k.data.type = type;
	kstat_io_x io = { .nread = UINT64_MAX, .nwritten = 2, .reads = 3, .writes = 4, .wtime = 5,
		.wlentime = 6, .wlastupdate = 7, .rtime = 8, .rlentime = 9, .rlastupdate = 10,
		.wcnt = 11, .rcnt = UINT32_MAX };
	kstat_intr_x intr = { .intrs = { 1, 2, 3, 4, UINT64_MAX } };
	switch (type) {
	case KSTAT_TYPE_RAW:
		k.data.kstat_data_x_u.raw.raw_len = 5;
		k.data.kstat_data_x_u.raw.raw_val = raw;
		break;
	case KSTAT_TYPE_NAMED:
		k.data.kstat_data_x_u.named.named_len = 7;
		k.data.kstat_data_x_u.named.named_val = named;
		break;
	case KSTAT_TYPE_INTR: k.data.kstat_data_x_u.intr = intr; break;
	case KSTAT_TYPE_IO: k.data.kstat_data_x_u.io = io; break;
	case KSTAT_TYPE_TIMER:
		k.data.kstat_data_x_u.timers.timers_len = 2;
		k.data.kstat_data_x_u.timers.timers_val = timers;
		break;
	}
	return k;
}

static void encode_kstat(void)
{
	static const char *labels[] = { "kstat_raw", "kstat_named", "kstat_intr", "kstat_io", "kstat_timer" };
	kstat_x all[5];
	for (int t = 0; t < 5; t++) {
		all[t] = kstat_of((kstat_type)t);
		emit(labels[t], (xdrproc_t)xdr_kstat_x, &all[t]);
	}
	kstat_header_x hs[2] = { header(0, "kstat_headers", KSTAT_TYPE_RAW), header(7, "lo", KSTAT_TYPE_NAMED) };
	kstat_headers_x headers = { .kstat_headers_x_len = 2, .kstat_headers_x_val = hs };
	emit("headers", (xdrproc_t)xdr_kstat_headers_x, &headers);

	kstat_chainid_res c = { KSTAT_OK };
	c.kstat_chainid_res_u.ok.chain_id = 41;
	c.kstat_chainid_res_u.ok.boot_time = 1763800000123456789LL;
	c.kstat_chainid_res_u.ok.now = 987654321;
	emit("chainid_ok", (xdrproc_t)xdr_kstat_chainid_res, &c);
	c.status = KSTAT_EIO;
	emit("chainid_fail", (xdrproc_t)xdr_kstat_chainid_res, &c);

	kstat_read_res r = { KSTAT_OK };
	r.kstat_read_res_u.ok.chain_id = 41;
	r.kstat_read_res_u.ok.kstat = all[KSTAT_TYPE_NAMED];
	emit("read_ok", (xdrproc_t)xdr_kstat_read_res, &r);
	r.status = KSTAT_ENXIO;
	r.kstat_read_res_u.chain_id = 42;
	emit("read_fail", (xdrproc_t)xdr_kstat_read_res, &r);

	kstat_write_args w = { .kid = 3, .data = all[KSTAT_TYPE_INTR].data };
	emit("write_args", (xdrproc_t)xdr_kstat_write_args, &w);
	kstat_write_res wr = { .status = KSTAT_EACCES, .chain_id = 41 };
	emit("write_res", (xdrproc_t)xdr_kstat_write_res, &wr);

	int kids[3] = { 0, 12, 99 };
	kstat_batch_args ba = { KSTAT_BATCH_KIDS };
	ba.kstat_batch_args_u.kids.kids_len = 3;
	ba.kstat_batch_args_u.kids.kids_val = kids;
	emit("batch_kids", (xdrproc_t)xdr_kstat_batch_args, &ba);
	kstat_selector_x sel[2] = {
		{ .module = "netstat", .instance = 0, .name = "sockets", .ks_class = "" },
		{ .module = "link", .instance = KSTAT_INSTANCE_ANY, .name = "e*", .ks_class = "net" },
	};
	ba.by = KSTAT_BATCH_SELECTORS;
	ba.kstat_batch_args_u.selectors.selectors_len = 2;
	ba.kstat_batch_args_u.selectors.selectors_val = sel;
	emit("batch_selectors", (xdrproc_t)xdr_kstat_batch_args, &ba);

	kstat_x two[2] = { all[KSTAT_TYPE_INTR], all[KSTAT_TYPE_RAW] };
	int gone[2] = { 99, 100 };
	kstat_batch_res b = { KSTAT_OK };
	b.kstat_batch_res_u.ok.chain_id = 41;
	b.kstat_batch_res_u.ok.kstats.kstat_list_x_len = 2;
	b.kstat_batch_res_u.ok.kstats.kstat_list_x_val = two;
	b.kstat_batch_res_u.ok.gone.gone_len = 2;
	b.kstat_batch_res_u.ok.gone.gone_val = gone;
	emit("batch_ok", (xdrproc_t)xdr_kstat_batch_res, &b);
	b.status = KSTAT_EOVERFLOW;
	b.kstat_batch_res_u.chain_id = 41;
	emit("batch_fail", (xdrproc_t)xdr_kstat_batch_res, &b);
}

static void encode_rpc(void)
{
	gid_t gids[3] = { 4, 24, 27 };
	struct authunix_parms p = { 100000000, "host-a", 1000, 100, 3, gids };
	XDR x;
	static char cred[400];
	xdrmem_create(&x, cred, sizeof cred, XDR_ENCODE);
	if (!xdr_authunix_parms(&x, &p)) exit(2);
	u_int credlen = xdr_getpos(&x);
	emit("authsys", (xdrproc_t)xdr_authunix_parms, &p);

	struct rpc_msg m;
	memset(&m, 0, sizeof m);
	m.rm_xid = 0xdeadbeef;
	m.rm_direction = CALL;
	m.rm_call.cb_rpcvers = 2;
	m.rm_call.cb_prog = KSTATPROG;
	m.rm_call.cb_vers = KSTATVERS_BATCH;
	m.rm_call.cb_proc = KSTAT_RPC_READ_BATCH;
	m.rm_call.cb_cred.oa_flavor = AUTH_SYS;
	m.rm_call.cb_cred.oa_base = cred;
	m.rm_call.cb_cred.oa_length = credlen;
	m.rm_call.cb_verf.oa_flavor = AUTH_NONE;
	emit("call", (xdrproc_t)xdr_callmsg, &m);

	static const struct { const char *label; enum accept_stat stat; } accepted[] = {
		{ "reply_success", SUCCESS }, { "reply_prog_unavail", PROG_UNAVAIL },
		{ "reply_prog_mismatch", PROG_MISMATCH }, { "reply_proc_unavail", PROC_UNAVAIL },
		{ "reply_garbage_args", GARBAGE_ARGS }, { "reply_system_err", SYSTEM_ERR },
	};
	for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		memset(&m, 0, sizeof m);
		m.rm_xid = 0xdeadbeef;
		m.rm_direction = REPLY;
		m.rm_reply.rp_stat = MSG_ACCEPTED;
		m.acpted_rply.ar_verf.oa_flavor = AUTH_NONE;
		m.acpted_rply.ar_stat = accepted[i].stat;
		m.acpted_rply.ar_results.proc = (xdrproc_t)xdr_void;
		m.acpted_rply.ar_vers.low = 1;
		m.acpted_rply.ar_vers.high = 2;
		if (accepted[i].stat == SUCCESS) m.acpted_rply.ar_results.where = NULL;
		emit(accepted[i].label, (xdrproc_t)xdr_replymsg, &m);
	}
	memset(&m, 0, sizeof m);
	m.rm_xid = 0xdeadbeef;
	m.rm_direction = REPLY;
	m.rm_reply.rp_stat = MSG_DENIED;
	m.rjcted_rply.rj_stat = RPC_MISMATCH;
	m.rjcted_rply.rj_vers.low = 2;
	m.rjcted_rply.rj_vers.high = 2;
	emit("reply_rpc_mismatch", (xdrproc_t)xdr_replymsg, &m);
	m.rjcted_rply.rj_stat = AUTH_ERROR;
	m.rjcted_rply.rj_why = AUTH_TOOWEAK;
	emit("reply_auth_error", (xdrproc_t)xdr_replymsg, &m);
}

static void encode_rpcbind(void)
{
	struct pmap tcp = { KSTATPROG, 2, IPPROTO_TCP, 32771 };
	struct pmap udp = { KSTATPROG, 1, IPPROTO_UDP, 40000 };
	emit("pmap", (xdrproc_t)xdr_pmap, &tcp);
	struct pmaplist l2 = { udp, NULL }, l1 = { tcp, &l2 };
	struct pmaplist *head = &l1;
	emit("pmaplist", (xdrproc_t)xdr_pmaplist, &head);
	rpcb r1 = { KSTATPROG, 2, "tcp6", "::.128.3", "superuser" };
	rpcb r2 = { 1, 2, "udp", "0.0.0.0.0.111", "" };
	emit("rpcb", (xdrproc_t)xdr_rpcb, &r1);
	rp__list n2 = { r2, NULL }, n1 = { r1, &n2 };
	rpcblist_ptr list = &n1;
	emit("rpcblist", (xdrproc_t)xdr_rpcblist_ptr, &list);
}

static const struct { const char *type; xdrproc_t proc; size_t size; } TYPES[] = {
	{ "kstat_x", (xdrproc_t)xdr_kstat_x, sizeof(kstat_x) },
	{ "kstat_headers_x", (xdrproc_t)xdr_kstat_headers_x, sizeof(kstat_headers_x) },
	{ "kstat_chainid_res", (xdrproc_t)xdr_kstat_chainid_res, sizeof(kstat_chainid_res) },
	{ "kstat_read_res", (xdrproc_t)xdr_kstat_read_res, sizeof(kstat_read_res) },
	{ "kstat_write_args", (xdrproc_t)xdr_kstat_write_args, sizeof(kstat_write_args) },
	{ "kstat_write_res", (xdrproc_t)xdr_kstat_write_res, sizeof(kstat_write_res) },
	{ "kstat_batch_args", (xdrproc_t)xdr_kstat_batch_args, sizeof(kstat_batch_args) },
	{ "kstat_batch_res", (xdrproc_t)xdr_kstat_batch_res, sizeof(kstat_batch_res) },
};

static void roundtrip_line(char *line)
{
	char *hex = strchr(line, ' ');
	if (hex == NULL) exit(3);
	*hex++ = '\0';
	size_t n = strcspn(hex, "\r\n") / 2;
	unsigned char *in = malloc(n + 1);
	for (size_t i = 0; i < n; i++) sscanf(hex + 2 * i, "%2hhx", &in[i]);
	for (size_t t = 0; t < sizeof TYPES / sizeof TYPES[0]; t++) {
		if (strcmp(TYPES[t].type, line) != 0) continue;
		void *obj = calloc(1, TYPES[t].size);
		XDR x;
		xdrmem_create(&x, (char *)in, n, XDR_DECODE);
		if (TYPES[t].proc(&x, obj) && xdr_getpos(&x) == n) emit(line, TYPES[t].proc, obj);
		else printf("%s FAIL\n", line);
		xdr_free(TYPES[t].proc, obj);
		free(obj);
		free(in);
		return;
	}
	exit(3);
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "encode") == 0) {
		fill_data();
		encode_kstat();
		encode_rpc();
		encode_rpcbind();
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "roundtrip") == 0) {
		char *line = NULL;
		size_t cap = 0;
		while (getline(&line, &cap, stdin) > 0) roundtrip_line(line);
		free(line);
		return 0;
	}
	fprintf(stderr, "usage: interop encode | roundtrip\n");
	return 1;
}
