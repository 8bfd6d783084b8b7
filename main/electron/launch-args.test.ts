import path from "node:path";
import { describe, expect, it } from "vitest";
import { launchTargets } from "./launch-args";

const cwd = path.resolve("/home/user/Downloads");

describe("launchTargets", () => {
  it("skips the executable (packaged) or the executable and app folder (electron .)", () => {
    expect(launchTargets(["/opt/Ehlo/ehlo", "ehlo://check?host=a.example"], { skip: 1, cwd })).toEqual({ deepLink: "ehlo://check?host=a.example", reportFile: null });
    expect(launchTargets(["electron", "ehlo://check?host=app-folder", "ehlo://check?host=b.example"], { skip: 2, cwd }).deepLink).toBe("ehlo://check?host=b.example");
  });

  it("finds a report file and resolves it against the launching folder", () => {
    expect(launchTargets(["ehlo", "report.ehlo"], { skip: 1, cwd })).toEqual({ deepLink: null, reportFile: path.join(cwd, "report.ehlo") });
    expect(launchTargets(["ehlo", "/tmp/Run.JSON"], { skip: 1, cwd }).reportFile).toBe(path.resolve("/tmp/Run.JSON"));
  });

  it("ignores switches, including those a second instance's argv carries, and other files", () => {
    const argv = ["Ehlo.exe", "--allow-file-access-from-files", "--inspect=9229", "-psn_0_12345", "notes.txt", "C:fake", "ehlo://check?host=c.example", "x.ehlo"];
    expect(launchTargets(argv, { skip: 1, cwd })).toEqual({ deepLink: "ehlo://check?host=c.example", reportFile: path.join(cwd, "x.ehlo") });
  });

  it("takes the first link and the first file only", () => {
    const argv = ["ehlo", "a.ehlo", "ehlo://check?host=one.example", "b.ehlo", "EHLO://check?host=two.example"];
    expect(launchTargets(argv, { skip: 1, cwd })).toEqual({ deepLink: "ehlo://check?host=one.example", reportFile: path.join(cwd, "a.ehlo") });
  });

  it("an ordinary launch asks for nothing", () => {
    expect(launchTargets(["ehlo"], { skip: 1, cwd })).toEqual({ deepLink: null, reportFile: null });
    expect(launchTargets([], { skip: 2, cwd })).toEqual({ deepLink: null, reportFile: null });
  });
});
