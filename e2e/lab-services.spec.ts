import { ARTIFACTS, expect, test } from "./fixtures/test";
import { labPerDescribe } from "./support/lab";

const DESIGN = "e2e/designs/web-services.yaml";

/**
 * tcp cells from the test panel on the lab: a busybox httpd on node-1 whose port 80 is published as
 * 8080, reached from a container on node-2 (reach); its port 81, served but not published (blocked,
 * and the reason says it is not published); and a published port nothing listens on (refused, not
 * filtered, with the diagnosis).
 */
test.describe("services and published ports from the test panel", () => {
  labPerDescribe(DESIGN, "26");

  test("published port reach, unpublished blocked with the reason, closed port refused", async ({
    page,
    topologies,
    apply,
    testPanel,
  }) => {
    test.setTimeout(8 * 60_000);
    await topologies.goto();
    await topologies.importDesign(DESIGN);
    await apply.applyOn("lab");

    await testPanel.open();
    await testPanel.by("tcp");
    await testPanel.run();
    await testPanel.waitForDone();
    const square = testPanel.cell("client", "web", "tcp");
    const at = (target: string) =>
      square.getByRole("button", { name: new RegExp(`at ${target.replaceAll(".", "\\.")} `) });

    await at("192.168.0.101:8080").click();
    await expect(testPanel.detail("verdict")).toContainText("pass");
    await expect(testPanel.detail("actual")).toContainText("reach");
    await expect(testPanel.detail("expected")).toContainText("forwards tcp 8080");
    await page.screenshot({ path: `${ARTIFACTS}/services-tcp-published.png` });

    await at("172.30.1.2:81").click();
    await expect(testPanel.detail("verdict")).toContainText("pass");
    await expect(testPanel.detail("expected")).toContainText("tcp 81 is not published on node-1");
    await expect(testPanel.detail("actual")).toContainText("blocked");
    await page.screenshot({ path: `${ARTIFACTS}/services-tcp-unpublished.png` });

    await at("192.168.0.101:8082").click();
    await expect(testPanel.detail("verdict")).toContainText("fail");
    await expect(testPanel.detail("error")).toHaveText("refused: nothing listens on 8082");
    await expect(testPanel.detail("diagnosis")).toContainText(
      "refused: node-1 forwards port 8082 to web, but nothing listens there",
    );
    await page.screenshot({ path: `${ARTIFACTS}/services-tcp-refused.png` });
  });
});
