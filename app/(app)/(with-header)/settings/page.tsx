import type { Metadata } from "next";
import { Suspense } from "react";
import { OptimizerPanel } from "@/components/settings/optimizer-panel";
import { ReschedulePanel } from "@/components/settings/reschedule-panel";
import { SchedulingSettingsForm } from "@/components/settings/scheduling-settings-form";
import { StudySettingsForm } from "@/components/settings/study-settings-form";
import { WorkloadChart } from "@/components/settings/workload-chart";
import { requireUser } from "@/lib/server/auth";
import { getOptimizerStatus } from "@/lib/server/optimizer";
import { getLatestReschedule } from "@/lib/server/reschedule";
import { getSchedulingSettings } from "@/lib/server/scheduling";
import { serverNow } from "@/lib/server/clock";
import { getStudySettings } from "@/lib/server/settings";
import { getWorkload } from "@/lib/server/workload";
import {
  discardFitAction,
  rescheduleCardsAction,
  restoreWeightsAction,
  saveFitAction,
  startFitAction,
  undoRescheduleAction,
  updateSchedulingSettingsAction,
  updateStudySettingsAction,
} from "./actions";

export const metadata: Metadata = { title: "Settings" };

/** The simulated workload, streamed in after the rest of the page (it takes a moment for a large collection). */
async function Workload({ userId }: { userId: string }) {
  return <WorkloadChart workload={await getWorkload(userId, serverNow())} />;
}

export default async function SettingsPage() {
  const user = await requireUser();
  const [settings, scheduling, latestReschedule, optimizer] = await Promise.all([
    getStudySettings(user.id),
    getSchedulingSettings(user.id),
    getLatestReschedule(user.id),
    getOptimizerStatus(user.id),
  ]);
  const timeZones = Intl.supportedValuesOf("timeZone");
  // A zone saved under an older name (e.g. "UTC" or a link) is still offered.
  if (!timeZones.includes(settings.timeZone)) timeZones.unshift(settings.timeZone);
  return (
    <main className="mx-auto max-w-3xl px-5 py-8 sm:py-12">
      <h1 className="font-serif text-3xl font-semibold">Settings</h1>
      <p className="mt-2 text-stone-600 dark:text-stone-400">
        Your study day, daily limits and the goal that keeps a streak going. Changes apply to your whole history at once.
      </p>
      <StudySettingsForm settings={settings} timeZones={timeZones} action={updateStudySettingsAction} />
      <SchedulingSettingsForm
        settings={scheduling}
        action={updateSchedulingSettingsAction}
        workload={
          <Suspense fallback={<p className="text-sm text-stone-500 dark:text-stone-400">Simulating your next year…</p>}>
            <Workload userId={user.id} />
          </Suspense>
        }
      >
        <OptimizerPanel
          initial={optimizer}
          start={startFitAction}
          save={saveFitAction}
          discard={discardFitAction}
          restore={restoreWeightsAction}
        />
        <ReschedulePanel latest={latestReschedule} reschedule={rescheduleCardsAction} undo={undoRescheduleAction} />
      </SchedulingSettingsForm>
    </main>
  );
}
