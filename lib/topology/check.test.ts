import { expect, it } from "vitest";
import { plain } from "../i18n/text";
import { checkTopologyData, checkTopologyText } from "./check";
import { type Issue, sortIssues } from "./issues";
import { yaml } from "./testing/text";

const brief = (issues: Issue[]) =>
  issues.map(({ code, path, line, column }) => ({ code, path: path.join("."), line, column }));

const FIVE_PROBLEMS = yaml`
  name: five
  hosts:
    node-1: { nics: { ens33: { address: 192.168.0.101/24, promisc: true } } }
    node-2: { nics: { ens33: { address: 192.168.0.102/24, promisc: true, vlans: { 5000: {} } } } }
  networks:
    mac_net1: { driver: macvlan, subnet: 10.0.0.0/24, parent: { node-1: ens33, node-2: ens33.30 } }
    ov_net1: { driver: overlay }
  containers:
    bbox-1: { host: node-1, image: busybox, networks: { mac_net1: { ip: 10.0.1.11 } } }
    bbox-2: { host: node-2, image: busybox, networks: { ov_net2: {} } }
`;

it("a file with five different errors gets all five, each at its own line and column", () => {
  const result = checkTopologyText(FIVE_PROBLEMS);
  expect(result.ok).toBe(false);
  expect(brief(result.issues.filter((issue) => issue.severity === "error"))).toMatchInlineSnapshot(`
    [
      {
        "code": "vlan-id-range",
        "column": 87,
        "line": 4,
        "path": "hosts.node-2.nics.ens33.vlans.5000",
      },
      {
        "code": "unknown-parent",
        "column": 86,
        "line": 6,
        "path": "networks.mac_net1.parent.node-2",
      },
      {
        "code": "overlay-no-control",
        "column": 12,
        "line": 7,
        "path": "networks.ov_net1.control",
      },
      {
        "code": "ip-outside-subnet",
        "column": 71,
        "line": 9,
        "path": "containers.bbox-1.networks.mac_net1.ip",
      },
      {
        "code": "unknown-network",
        "column": 64,
        "line": 10,
        "path": "containers.bbox-2.networks.ov_net2",
      },
    ]
  `);
});

it("structural and semantic problems are reported together", () => {
  const text = yaml`
    name: both
    hosts: { node-1: { nics: { ens33: { promsc: true } } } }
    networks: { n: { driver: bridge, subnet: 10.0.0.0/24, gateway: 10.0.1.1 } }
    containers:
      c1: { host: node-9, image: busybox, networks: { n: {} } }
  `;
  expect(brief(checkTopologyText(text).issues).map((issue) => issue.code)).toEqual([
    "unknown-key",
    "gateway-outside-subnet",
    "unknown-host",
  ]);
});

it("issues come sorted by line and column whatever order the checks found them in", () => {
  const { issues } = checkTopologyText(FIVE_PROBLEMS);
  const positions = issues.map((issue) => [issue.line ?? 0, issue.column ?? 0] as const);
  const sorted = [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  expect(positions).toEqual(sorted);
  expect(sortIssues([...issues].reverse())).toEqual(issues);
});

it("issues without a position sort by path, then severity, then code", () => {
  const issue = (code: Issue["code"], severity: Issue["severity"], path: string[]): Issue => ({
    code,
    severity,
    path,
    message: plain(code),
    hint: plain(""),
  });
  const shuffled = [
    issue("no-networks", "warning", ["containers", "b"]),
    issue("unknown-host", "error", ["containers", "b"]),
    issue("duplicate-ip", "error", ["containers", "a"]),
    issue("invalid-name", "error", ["containers", "b"]),
  ];
  expect(sortIssues(shuffled).map((i) => `${i.path.join(".")} ${i.severity} ${i.code}`)).toEqual([
    "containers.a error duplicate-ip",
    "containers.b error invalid-name",
    "containers.b error unknown-host",
    "containers.b warning no-networks",
  ]);
});

it("checking the same text twice gives byte-identical issues", () => {
  expect(JSON.stringify(checkTopologyText(FIVE_PROBLEMS))).toBe(JSON.stringify(checkTopologyText(FIVE_PROBLEMS)));
});

it("a YAML syntax error gives its line and column", () => {
  const text = yaml`
    name: t
    hosts:
      node-1: { nics: { ens33: {} }
      node-2: { nics: {} }
  `;
  expect(brief(checkTopologyText(text).issues)).toMatchInlineSnapshot(`
    [
      {
        "code": "yaml-syntax",
        "column": 3,
        "line": 4,
        "path": "",
      },
    ]
  `);
});

it("a tab used for indentation is a syntax error, not a crash", () => {
  const result = checkTopologyText("name: t\nhosts:\n\tnode-1: { nics: {} }\n");
  expect(result.ok).toBe(false);
  expect(result.issues[0]).toMatchObject({ code: "yaml-syntax", line: 3 });
});

it("a duplicate key is reported at the second occurrence", () => {
  const text = yaml`
    name: t
    hosts:
      node-1: { nics: {} }
      node-1: { nics: {} }
  `;
  expect(brief(checkTopologyText(text).issues)).toEqual([{ code: "duplicate-name", path: "", line: 4, column: 3 }]);
});

it("JSON is read too, with lines and columns in the JSON text", () => {
  const text = JSON.stringify(
    {
      name: "json",
      hosts: { "node-1": { nics: { ens33: { address: "192.168.0.1/24" } } } },
      networks: { n: { driver: "bridge", subent: "10.0.0.0/24" } },
      containers: { c1: { host: "node-2", image: "busybox", networks: { n: {} } } },
    },
    null,
    2,
  );
  expect(brief(checkTopologyText(text).issues)).toMatchInlineSnapshot(`
    [
      {
        "code": "unknown-key",
        "column": 7,
        "line": 15,
        "path": "networks.n.subent",
      },
      {
        "code": "unknown-host",
        "column": 15,
        "line": 20,
        "path": "containers.c1.host",
      },
    ]
  `);
});

it("broken JSON gives a syntax error with its position", () => {
  const result = checkTopologyText('{\n  "name": "t",\n  "hosts": {\n}\n');
  expect(result.ok).toBe(false);
  expect(result.issues[0]?.code).toBe("yaml-syntax");
  expect(result.issues[0]?.line).toBeGreaterThan(1);
});

it("checkTopologyData gives the same issues as the text it stands for", () => {
  const data = {
    name: "t",
    hosts: { "node-1": { nics: {} } },
    networks: { n: { driver: "bridge", gateway: "1.2.3.4" } },
  };
  expect(checkTopologyData(data).issues.map((issue) => issue.code)).toEqual(["subnet-required"]);
  expect(checkTopologyData(null).ok).toBe(false);
});

it("an input over 1 MiB is refused before YAML sees it", () => {
  const text = `name: t\nhosts: {}\ndescription: "${"x".repeat(1_048_576)}"\n`;
  // How fast it is refused is measured by bench/security.ts (hostile imports), not asserted here.
  const result = checkTopologyText(text);
  expect(result.issues).toEqual([
    expect.objectContaining({
      code: "too-large",
      severity: "error",
      message: expect.objectContaining({ en: expect.stringContaining("1048576") }),
    }),
  ]);
});

it("an alias bomb is refused, not expanded", () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [name, prev] of [
    ["b", "a"],
    ["c", "b"],
    ["d", "c"],
    ["e", "d"],
    ["f", "e"],
    ["g", "f"],
  ])
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  const result = checkTopologyText(`${lines.join("\n")}\nname: t\nhosts: {}\n`);
  expect(result.ok).toBe(false);
  expect(result.issues.map((issue) => issue.code)).toContain("yaml-syntax");
});

it("deeply nested input is an error, not a stack overflow", () => {
  const result = checkTopologyText(`name: t\nhosts: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`);
  expect(result.ok).toBe(false);
});

it("a network with its own error is not also reported as missing where containers use it", () => {
  const text = yaml`
    name: t
    hosts: { node-1: { nics: { eth0: { address: 192.168.0.1/24 } } }, node-2: { nics: [] } }
    networks:
      o: { driver: ovs, subnet: not-a-subnet }
      w: { driver: vxlan }
    containers:
      c1: { host: node-1, image: busybox, networks: { o: {}, w: {} } }
      c2: { host: node-2, image: busybox, networks: { nope: {} } }
  `;
  expect(brief(checkTopologyText(text).issues).map((issue) => `${issue.code} ${issue.path}`)).toEqual([
    "invalid-type hosts.node-2.nics",
    "invalid-cidr networks.o.subnet",
    "invalid-value networks.w.driver",
    "unknown-network containers.c2.networks.nope",
  ]);
});

it("names that are also Object.prototype members are ordinary names", () => {
  const text = yaml`
    name: t
    hosts: { constructor: { nics: { ens33: { promisc: true } } } }
    networks: { toString: { driver: macvlan, subnet: 10.0.0.0/24, parent: { constructor: ens33 } } }
    containers:
      valueOf: { host: constructor, image: busybox, networks: { toString: { ip: 10.0.0.11 } } }
      hasOwnProperty: { host: toString, image: busybox, networks: { constructor: {} } }
  `;
  expect(brief(checkTopologyText(text).issues).map((issue) => `${issue.code} ${issue.path}`)).toEqual([
    "unknown-host containers.hasOwnProperty.host",
    "unknown-network containers.hasOwnProperty.networks.constructor",
  ]);
});

it("a '__proto__' key is refused instead of silently vanishing", () => {
  const text = yaml`
    name: t
    hosts: { node-1: { nics: {} }, __proto__: { nics: { "x;y": {} } } }
    networks: { n: { driver: bridge } }
    containers: { c1: { host: node-1, image: busybox, networks: { n: {}, __proto__: {} } } }
  `;
  const result = checkTopologyText(text);
  expect(result.ok).toBe(false);
  expect(brief(result.issues)).toEqual([
    { code: "invalid-name", path: "hosts.__proto__", line: 2, column: 43 },
    { code: "invalid-name", path: "containers.c1.networks.__proto__", line: 4, column: 81 },
  ]);
});

it("custom YAML tags are not executed: a !!js/function tag reads as plain text", () => {
  const result = checkTopologyText('name: !!js/function "function () { return 1 }"\nhosts: {}\n');
  expect(result.topology?.name ?? "refused").not.toBeTypeOf("function");
});
