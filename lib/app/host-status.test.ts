import { expect, test } from "vitest";
import { hostItems, shownText } from "./host-status";

test("host data is kept as text: markup as is, control and bidi characters escaped, length bounded", () => {
  expect(shownText("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
  expect(shownText("a\u001b[2Jb\nc")).toBe("a\\u001b[2Jb\\u000ac");
  expect(shownText("x\u202etxt")).toBe("x\\u202etxt");
  expect(shownText("y".repeat(500))).toHaveLength(201);
  expect(shownText(undefined)).toBe("");
});

test("networks and containers are listed with whether Crossnet accepts their names", () => {
  const items = hostItems(
    [
      { Id: "n1", Name: "<img src=x onerror=alert(1)>", Driver: "bridge", Labels: {} },
      { Id: "n2", Name: "mac_net1", Driver: "macvlan", Labels: { "crossnet.topology": "macvlan" } },
    ],
    [{ Id: "c1", Names: ["/bbox-1"], State: "running", Labels: { "crossnet.topology": "macvlan" } }, { Names: "x" }],
  );
  expect(items).toEqual([
    {
      kind: "network",
      id: "n1",
      name: "<img src=x onerror=alert(1)>",
      accepted: false,
      topology: null,
      detail: "bridge",
    },
    { kind: "network", id: "n2", name: "mac_net1", accepted: true, topology: "macvlan", detail: "macvlan" },
    { kind: "container", id: "", name: "", accepted: false, topology: null, detail: "" },
    { kind: "container", id: "c1", name: "bbox-1", accepted: true, topology: "macvlan", detail: "running" },
  ]);
  expect(hostItems("nonsense", null)).toEqual([]);
});
