/** @jest-environment jsdom */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { RestoreForm } from "@/components/export/restore-form";

const refresh = jest.fn();
jest.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const fetchMock = jest.fn();
beforeEach(() => {
  fetchMock.mockReset();
  refresh.mockReset();
  global.fetch = fetchMock;
});

const answer = (body: unknown, status = 200) => Promise.resolve({ status, json: () => Promise.resolve(body) });

function choose(name: string, size = 10): File {
  const file = new File(["x".repeat(size)], name, { type: "application/gzip" });
  fireEvent.change(screen.getByLabelText("Backup file"), { target: { files: [file] } });
  return file;
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Restore this backup" }));
    await Promise.resolve();
  });
}

describe("restore form", () => {
  it("says why a restore is not offered in an account with study data", () => {
    render(<RestoreForm restorable={false} />);
    expect(screen.getByTestId("restore-unavailable").textContent).toContain("no study data yet");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("asks for a file before sending anything", async () => {
    render(<RestoreForm restorable />);
    await submit();
    expect(screen.getByRole("alert").textContent).toBe("Choose a backup file first.");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends the file as the body of the restore route and shows what came back", async () => {
    render(<RestoreForm restorable />);
    const file = choose("mesa-backup.json.gz");
    fetchMock.mockReturnValue(answer({ ok: true, summary: { decks: 1, concepts: 2, cards: 64, reviews: 1, quizzes: 0 } }));
    await submit();
    expect(fetchMock).toHaveBeenCalledWith("/api/restore", expect.objectContaining({ method: "POST", body: file }));
    expect(screen.getByTestId("restore-done").textContent).toBe(
      "Restored 1 deck of your own with 2 concepts, 64 cards, 1 review and 0 quizzes.",
    );
    expect(refresh).toHaveBeenCalled();
  });

  it("shows the route's error beside the field, tied to it for screen readers", async () => {
    render(<RestoreForm restorable />);
    choose("broken.json");
    fetchMock.mockReturnValue(answer({ ok: false, error: "reviewLogs[3].grade: Too big" }, 400));
    await submit();
    const error = screen.getByRole("alert");
    expect(error.textContent).toBe("reviewLogs[3].grade: Too big");
    expect(screen.getByLabelText("Backup file").getAttribute("aria-describedby")).toBe(error.id);
    expect(refresh).not.toHaveBeenCalled();
  });
});
