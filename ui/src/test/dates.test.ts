import { describe, it, expect } from "vitest";
import { isValidDate, isValidMonth, addMonths, monthRange, yearToDateRange } from "../lib/dates";
import { parseKzt } from "../lib/caseform";

describe("dates as strings", () => {
  it("accepts only real calendar dates", () => {
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2023-02-29")).toBe(false);
    expect(isValidDate("2024-04-31")).toBe(false);
    expect(isValidDate("2024-5-1")).toBe(false);
    expect(isValidDate("10.05.2024")).toBe(false);
  });
  it("does month arithmetic across years", () => {
    expect(addMonths("2024-01", -1)).toBe("2023-12");
    expect(addMonths("2024-05", -12)).toBe("2023-05");
    expect(addMonths("2023-12", 1)).toBe("2024-01");
    expect(monthRange("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(yearToDateRange("2024-05")).toEqual({ from: "2024-01-01", to: "2024-05-31" });
    expect(isValidMonth("2024-13")).toBe(false);
  });
});

