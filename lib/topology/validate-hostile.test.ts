import { expect, it } from "vitest";
import { stringify } from "yaml";
import { LOCALES } from "../i18n/locale";
import { render } from "../i18n/text";
import { checkTopologyText } from "./check";
import { formatPath, type IssueCode, type IssuePath } from "./issues";

/**
 * Hostile strings in every field that reaches a command. Each must be refused with an issue whose
 * path names the field, in YAML and in JSON, and no message may carry a raw control character
 * (messages are printed on terminals and in the browser).
 */

const HOSTILE = [
  "x; touch /tmp/pwned",
  "$(id)",
  "`id`",
  "-oProxyCommand=x",
  "a\nb",
  "a\u0000b",
  "a b",
  "a'b",
  'a"b',
  "a|b",
  "a&b",
  "a>b",
  "a\\b",
  "../etc",
  "\u202eabc",
  "\u001b[2Jcleared",
  "\u009b31mred",
] as const;

type Design = {
  name: string;
  hosts: Record<string, { nics: Record<string, { address?: string; promisc?: boolean; vlans?: object }> }>;
  networks: Record<string, Record<string, unknown>>;
  containers: Record<string, Record<string, unknown>>;
};

function base(): Design {
  return {
    name: "hostile",
    hosts: {
      "node-1": { nics: { ens33: { address: "192.168.0.101/24", promisc: true, vlans: { 10: {} } } } },
      "node-2": { nics: { ens33: { address: "192.168.0.102/24", promisc: true } } },
    },
    networks: {
      mac: { driver: "macvlan", subnet: "10.0.0.0/24", parent: { "node-1": "ens33.10", "node-2": "ens33" } },
      br: { driver: "bridge", bridge: "br-test" },
      ovs: { driver: "ovs", subnet: "10.10.0.0/24", bridge: "br-ovs" },
      ov: { driver: "overlay", control: { kv: "etcd://node-1:2379" } },
    },
    containers: {
      "bbox-1": { host: "node-1", image: "busybox", networks: { mac: { ip: "10.0.0.11" }, br: { aliases: ["web"] } } },
    },
  };
}

function rename<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

type Injection = {
  field: string;
  inject: (d: Design, v: string) => void;
  code: IssueCode;
  path: (v: string) => IssuePath;
};

const bbox = (d: Design) => d.containers["bbox-1"] as { networks: Record<string, Record<string, unknown>> };

const INJECTIONS: Injection[] = [
  {
    field: "topology name",
    inject: (d, v) => {
      d.name = v;
    },
    code: "invalid-name",
    path: () => ["name"],
  },
  {
    field: "host name",
    inject: (d, v) => {
      d.hosts = rename(d.hosts, "node-2", v);
    },
    code: "invalid-name",
    path: (v) => ["hosts", v],
  },
  {
    field: "NIC name",
    inject: (d, v) => {
      d.hosts["node-2"] = { nics: { [v]: { address: "192.168.0.102/24" } } };
    },
    code: "invalid-name",
    path: (v) => ["hosts", "node-2", "nics", v],
  },
  {
    field: "VLAN id",
    inject: (d, v) => {
      d.hosts["node-2"] = { nics: { ens33: { vlans: { [v]: {} } } } };
    },
    code: "vlan-id-range",
    path: (v) => ["hosts", "node-2", "nics", "ens33", "vlans", v],
  },
  {
    field: "network name",
    inject: (d, v) => {
      d.networks = rename(d.networks, "br", v);
    },
    code: "invalid-name",
    path: (v) => ["networks", v],
  },
  {
    field: "macvlan parent",
    inject: (d, v) => {
      (d.networks.mac?.parent as Record<string, string>)["node-2"] = v;
    },
    code: "invalid-name",
    path: () => ["networks", "mac", "parent", "node-2"],
  },
  {
    field: "bridge name",
    inject: (d, v) => {
      d.networks.br = { driver: "bridge", bridge: v };
    },
    code: "invalid-name",
    path: () => ["networks", "br", "bridge"],
  },
  {
    field: "OVS bridge name",
    inject: (d, v) => {
      d.networks.ovs = { driver: "ovs", subnet: "10.10.0.0/24", bridge: v };
    },
    code: "invalid-name",
    path: () => ["networks", "ovs", "bridge"],
  },
  {
    field: "subnet",
    inject: (d, v) => {
      d.networks.br = { driver: "bridge", subnet: v };
    },
    code: "invalid-cidr",
    path: () => ["networks", "br", "subnet"],
  },
  {
    field: "KV store",
    inject: (d, v) => {
      d.networks.ov = { driver: "overlay", control: { kv: `etcd://${v}:2379` } };
    },
    code: "invalid-kv-url",
    path: () => ["networks", "ov", "control", "kv"],
  },
  {
    field: "container name",
    inject: (d, v) => {
      d.containers = rename(d.containers, "bbox-1", v);
    },
    code: "invalid-name",
    path: (v) => ["containers", v],
  },
  {
    field: "container host",
    inject: (d, v) => {
      (d.containers["bbox-1"] as { host: string }).host = v;
    },
    code: "unknown-host",
    path: () => ["containers", "bbox-1", "host"],
  },
  {
    field: "container image",
    inject: (d, v) => {
      (d.containers["bbox-1"] as { image: string }).image = v;
    },
    code: "invalid-image",
    path: () => ["containers", "bbox-1", "image"],
  },
  {
    field: "attached network",
    inject: (d, v) => {
      bbox(d).networks = { ...bbox(d).networks, [v]: {} };
    },
    code: "unknown-network",
    path: (v) => ["containers", "bbox-1", "networks", v],
  },
  {
    field: "container ip",
    inject: (d, v) => {
      bbox(d).networks = { mac: { ip: v } };
    },
    code: "invalid-ip",
    path: () => ["containers", "bbox-1", "networks", "mac", "ip"],
  },
  {
    field: "alias",
    inject: (d, v) => {
      bbox(d).networks = { ...bbox(d).networks, br: { aliases: [v] } };
    },
    code: "invalid-name",
    path: () => ["containers", "bbox-1", "networks", "br", "aliases", 0],
  },
  {
    field: "published port",
    inject: (d, v) => {
      (d.containers["bbox-1"] as { publish: string[] }).publish = [v];
    },
    code: "invalid-publish",
    path: () => ["containers", "bbox-1", "publish", 0],
  },
  {
    field: "published address",
    inject: (d, v) => {
      (d.containers["bbox-1"] as { publish: string[] }).publish = [`${v}:8080:80/tcp`];
    },
    code: "invalid-publish",
    path: () => ["containers", "bbox-1", "publish", 0],
  },
  {
    field: "service port",
    inject: (d, v) => {
      (d.containers["bbox-1"] as { services: unknown[] }).services = [{ proto: "tcp", port: v }];
    },
    code: "invalid-port",
    path: () => ["containers", "bbox-1", "services", 0, "port"],
  },
  {
    field: "shim name",
    inject: (d, v) => {
      (d.hosts["node-2"] as { shims?: unknown[] }).shims = [{ network: "mac", name: v, ip: "10.0.0.250" }];
    },
    code: "invalid-name",
    path: () => ["hosts", "node-2", "shims", 0, "name"],
  },
  {
    field: "shim address",
    inject: (d, v) => {
      (d.hosts["node-2"] as { shims?: unknown[] }).shims = [{ network: "mac", name: "shim0", ip: v }];
    },
    code: "invalid-ip",
    path: () => ["hosts", "node-2", "shims", 0, "ip"],
  },
];

const FORMATS = {
  YAML: (design: Design) => stringify(design),
  JSON: (design: Design) => JSON.stringify(design, null, 2),
};

it("the unmodified design is valid, so every refusal below comes from the hostile value", () => {
  for (const format of Object.values(FORMATS)) expect(checkTopologyText(format(base())).ok).toBe(true);
});

const rows = INJECTIONS.flatMap((injection) =>
  Object.keys(FORMATS).flatMap((format) => HOSTILE.map((value) => ({ ...injection, format, value }))),
);

it.each(rows)("a $field of $value is refused in $format, naming the field", ({ inject, code, path, format, value }) => {
  const design = base();
  inject(design, value);
  const result = checkTopologyText(FORMATS[format as keyof typeof FORMATS](design));
  expect(result.ok).toBe(false);
  expect(result.issues.map((issue) => ({ code: issue.code, path: issue.path }))).toContainEqual({
    code,
    path: path(value),
  });
  for (const issue of result.issues) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
    for (const locale of LOCALES) {
      expect(render(issue.message, locale)).not.toMatch(unsafe);
      expect(render(issue.hint, locale)).not.toMatch(unsafe);
    }
    expect(formatPath(issue.path)).not.toMatch(unsafe);
    expect(issue.line).toBeGreaterThan(0);
  }
});

it("a network called 'x; touch /tmp/pwned' is refused with a message that says which character and why", () => {
  const design = base();
  design.networks = rename(design.networks, "br", "x; touch /tmp/pwned");
  const [issue] = checkTopologyText(stringify(design)).issues;
  expect(
    issue && { code: issue.code, path: issue.path, message: issue.message.en, hint: issue.hint.en },
  ).toMatchInlineSnapshot(`
      {
        "code": "invalid-name",
        "hint": "Names end up in commands run as root: use only letters, digits, '_', '.' and '-', starting with a letter or digit.",
        "message": "network name 'x; touch /tmp/pwned' contains ';', which is not allowed",
        "path": [
          "networks",
          "x; touch /tmp/pwned",
        ],
      }
    `);
});

it("a name starting with '-' is refused because a command would read it as an option", () => {
  const design = base();
  design.containers = rename(design.containers, "bbox-1", "-oProxyCommand=x");
  const issue = checkTopologyText(stringify(design)).issues.find((candidate) => candidate.code === "invalid-name");
  expect(issue?.message.en).toMatchInlineSnapshot(
    `"container name '-oProxyCommand=x' starts with '-', which a command would read as an option"`,
  );
});

it("newline and NUL in a name are shown escaped in the message", () => {
  const messages = ["a\nb", "a\u0000b"].map((value) => {
    const design = base();
    design.networks = rename(design.networks, "br", value);
    return checkTopologyText(JSON.stringify(design)).issues[0]?.message.en;
  });
  expect(messages).toMatchInlineSnapshot(`
    [
      "network name 'a\\u000ab' contains a control character (U+000A), which is not allowed",
      "network name 'a\\u0000b' contains a control character (U+0000), which is not allowed",
    ]
  `);
});

it("interface names stop at 15 bytes, the kernel's IFNAMSIZ: 16 is refused, 15 is fine", () => {
  const withNic = (name: string) => {
    const design = base();
    design.hosts["node-2"] = { nics: { [name]: { address: "192.168.0.102/24" } } };
    design.networks.mac = {
      driver: "macvlan",
      subnet: "10.0.0.0/24",
      parent: { "node-1": "ens33.10", "node-2": name },
    };
    return checkTopologyText(stringify(design));
  };
  const sixteen = withNic("abcdefghijklmnop");
  expect(sixteen.issues.find((issue) => issue.code === "invalid-name")).toMatchObject({
    path: ["hosts", "node-2", "nics", "abcdefghijklmnop"],
    message: {
      en: "interface name 'abcdefghijklmnop' is 16 bytes long; the limit is 15 (the Linux kernel limit, IFNAMSIZ)",
    },
  });
  expect(withNic("abcdefghijklmno").ok).toBe(true);
});

it("a VLAN sub-interface name that would pass 15 bytes is refused on the VLAN", () => {
  const design = base();
  design.hosts["node-2"] = { nics: { ens33abcdefgh: { vlans: { 1000: {} } } } };
  const issue = checkTopologyText(stringify(design)).issues.find((candidate) => candidate.code === "invalid-name");
  expect(issue?.path).toEqual(["hosts", "node-2", "nics", "ens33abcdefgh", "vlans", "1000"]);
  expect(issue?.message.en).toContain("'ens33abcdefgh.1000' is 18 bytes long");
});

it("free text that never reaches a command (the description) may hold anything printable", () => {
  const design = { ...base(), description: "x; touch /tmp/pwned $(id) `id` -oProxyCommand=x" };
  expect(checkTopologyText(stringify(design)).ok).toBe(true);
});
