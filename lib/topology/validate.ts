import { assignAddresses, type Ipam } from "./ipam";
import { type Issue, sortIssues } from "./issues";
import type { Topology } from "./schema";
import { validateAddresses } from "./validate-addresses";
import { validateDrivers } from "./validate-drivers";
import { validateInterfaceAddresses } from "./validate-interfaces";
import { validateServices } from "./validate-services";
import { validateStructure } from "./validate-structure";

/**
 * Every semantic problem of a structurally valid design, at once, as data. Never throws for user
 * mistakes. Runs in the browser as the user edits, so it is pure and fast.
 */
export function validateTopology(topology: Topology, ipam: Ipam = assignAddresses(topology)): Issue[] {
  const issues: Issue[] = [];
  const report = (issue: Issue) => issues.push(issue);
  validateStructure(topology, report);
  validateAddresses(topology, ipam, report);
  validateInterfaceAddresses(topology, report);
  validateDrivers(topology, ipam, report);
  validateServices(topology, ipam, report);
  return sortIssues(issues);
}
