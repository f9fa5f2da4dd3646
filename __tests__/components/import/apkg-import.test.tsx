/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ApkgImport } from "@/components/import/apkg-import";
import type { ApkgJobDTO } from "@/lib/types/apkg-import";

jest.mock("next/link", () => ({
  __esModule: true,
  default: ({ href, children, ...props }: { href: string; children: React.ReactNode }) => (
    <a href={href} {...props}>
      {children}
    </a>
  ),
}));

const JOB_ID = "6f1c2d7e-0b8a-4c4e-9f57-1d2a3b4c5d6e";
const DECKS = [{ id: "deck-1", title: "My notes" }];

/** An XMLHttpRequest that reports half the upload, then answers as told. */
class FakeUpload {
  static sent: { url: string; body: unknown }[] = [];
  static answer = { status: 202, body: JSON.stringify({ jobId: JOB_ID }) };
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  private url = "";
  open(_method: string, url: string) {
    this.url = url;
  }
  send(body: unknown) {
    FakeUpload.sent.push({ url: this.url, body });
    this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    this.status = FakeUpload.answer.status;
    this.responseText = FakeUpload.answer.body;
    setTimeout(() => this.onload?.(), 0);
  }
  abort() {
    this.onabort?.();
  }
}

function job(partial: Partial<ApkgJobDTO>): ApkgJobDTO {
  return {
    jobId: JOB_ID,
    fileName: "AI Safety.apkg",
    status: "ready",
    stage: "",
    progress: 1,
    errors: [],
    storeError: null,
    summary: {
      deckName: "AI Safety",
      defaultDeckTitle: "AI Safety",
      concepts: 4,
      sample: [{ term: "Mesa-optimizer", definition: "A learned optimizer.", tags: ["mesa"] }],
      cardsWithHistory: 3,
      reviews: 10,
      skipped: [{ noteId: "1003", text: "{{c1::Inner}}", reason: "a cloze note" }],
      skippedCount: 1,
      warnings: ["1 cloze note skipped"],
    },
    plan: {
      deckId: null,
      decks: [{ title: "AI Safety", deckId: null, concepts: 4 }],
      added: 4,
      updated: 0,
      unchanged: 0,
      reviewsToAdd: 10,
      cardsKept: 0,
      skipped: [],
      limitError: null,
    },
    outcome: null,
    ...partial,
  };
}

const fetchMock = jest.fn<Promise<unknown>, [string, RequestInit?]>();
const answer = (body: unknown, status = 200) => {
  const text = JSON.stringify(body);
  return Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve(body), text: () => Promise.resolve(text) });
};

beforeEach(() => {
  fetchMock.mockReset();
  FakeUpload.sent = [];
  FakeUpload.answer = { status: 202, body: JSON.stringify({ jobId: JOB_ID }) };
  global.fetch = fetchMock as unknown as typeof fetch;
  (global as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeUpload;
});

function choose(name: string, size = 10): File {
  const file = new File(["x".repeat(size)], name, { type: "application/octet-stream" });
  fireEvent.change(screen.getByLabelText("Anki package"), { target: { files: [file] } });
  return file;
}

async function upload() {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Read the package" }));
    await Promise.resolve();
  });
}

describe("Anki package import", () => {
  it("refuses a file that is not a package before uploading anything", async () => {
    render(<ApkgImport decks={DECKS} />);
    choose("notes.txt");
    await upload();
    expect(screen.getByRole("alert").textContent).toBe("Choose an Anki package: a .apkg or .colpkg file.");
    expect(FakeUpload.sent).toEqual([]);
  });

  it("uploads the file as the body, follows the reading, shows the summary, and plans again for another deck", async () => {
    fetchMock.mockReturnValueOnce(
      answer(job({ status: "reading", stage: "Replaying", progress: 0.5, summary: null, plan: null })),
    );
    fetchMock.mockReturnValueOnce(answer(job({})));
    render(<ApkgImport decks={DECKS} />);
    const file = choose("AI Safety.apkg");
    await upload();
    expect(FakeUpload.sent).toEqual([{ url: "/api/import/apkg?name=AI%20Safety.apkg", body: file }]);

    await screen.findByTestId("apkg-reading");
    expect(screen.getByRole("progressbar", { name: "Reading the package" }).getAttribute("aria-valuenow")).toBe("0");
    await screen.findByTestId("apkg-summary", undefined, { timeout: 3000 });
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/import/apkg?job=${JOB_ID}`);
    expect(screen.getByTestId("apkg-plan").textContent).toContain("4 concepts will be added");
    expect(screen.getByLabelText<HTMLInputElement>("New deck title").value).toBe("AI Safety");
    expect(screen.getByTestId("apkg-skipped").textContent).toContain("Note 1003: a cloze note");

    const planned = job({ plan: { ...job({}).plan!, deckId: "deck-1", added: 0, unchanged: 4, reviewsToAdd: 0 } });
    fetchMock.mockReturnValueOnce(answer(planned));
    await act(async () => {
      fireEvent.change(screen.getByLabelText("Deck"), { target: { value: "deck-1" } });
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByTestId("apkg-plan").textContent).toContain("4 concepts already there"));
    expect(fetchMock.mock.calls.at(-1)![0]).toBe(`/api/import/apkg?job=${JOB_ID}&deck=deck-1`);
  });

  it("confirms into a new deck with its title, and shows a refusal of the title beside the field", async () => {
    fetchMock.mockReturnValueOnce(answer(job({})));
    render(<ApkgImport decks={DECKS} />);
    choose("AI Safety.apkg");
    await upload();
    await screen.findByTestId("apkg-summary", undefined, { timeout: 3000 });

    fetchMock.mockReturnValueOnce(answer({ error: "Too long", fieldErrors: { newDeckTitle: ["Too long"] } }, 400));
    await act(async () => {
      fireEvent.click(screen.getByTestId("apkg-confirm"));
      await Promise.resolve();
    });
    await waitFor(() => expect(screen.getByLabelText("New deck title").getAttribute("aria-invalid")).toBe("true"));
    expect(fetchMock.mock.calls.at(-1)).toEqual([
      "/api/import/apkg/confirm",
      expect.objectContaining({ method: "POST", body: JSON.stringify({ jobId: JOB_ID, newDeckTitle: "AI Safety" }) }),
    ]);
    expect(screen.getByText("Too long")).toBeTruthy();
  });

  it("shows why a package could not be read, and that nothing was imported", async () => {
    fetchMock.mockReturnValueOnce(
      answer(job({ status: "failed", summary: null, plan: null, errors: ["The file is not a zip archive"] })),
    );
    render(<ApkgImport decks={DECKS} />);
    choose("broken.apkg");
    await upload();
    const failed = await screen.findByTestId("apkg-failed", undefined, { timeout: 3000 });
    expect(failed.textContent).toContain("The file is not a zip archive");
    expect(failed.textContent).toContain("Nothing was imported.");
  });

  it("says what the upload route refused", async () => {
    FakeUpload.answer = { status: 413, body: "Request too large: this upload takes at most 50 MB." };
    render(<ApkgImport decks={DECKS} />);
    choose("huge.apkg");
    await upload();
    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("Request too large: this upload takes at most 50 MB."),
    );
  });
});
