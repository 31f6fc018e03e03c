import type { Campaigns } from './campaigns/campaigns.usecases';
import type { Categories } from './content/categories';
import type { Places } from './content/places';
import { createKpisRepository } from './kpis/kpis.repository';
import { createKpiReports } from './kpis/kpis.usecases';
import { createPublicRepository } from './public/public.repository';
import { createPublicFigures } from './public/public.usecases';
import { createAppraisalRepository } from './reports/appraisal/appraisal.repository';
import { createStaffAppraisals } from './reports/appraisal/appraisal.usecases';
import { createDutyGapReports } from './reports/duty-gaps.usecases';
import { createHotspotsRepository } from './reports/hotspots/hotspots.repository';
import { createHotspotReports } from './reports/hotspots/hotspots.usecases';
import { createReportsRepository } from './reports/reports.repository';
import type { RosterService } from './roster/roster.service';
import type { Clock } from './shared/clock';
import type { Db } from './shared/db';
import type { StaffRepository } from './staff/staff.repository';

/** The long reports, each reading through `reportsDb` (the read-only handle where the server has one). */
export function buildReports({
  reportsDb,
  zone,
  categories,
  places,
  campaigns,
  rosterService,
  staffRepository,
  clock,
}: {
  reportsDb: Db;
  zone: string;
  categories: Categories;
  places: Places;
  campaigns: Campaigns;
  rosterService: RosterService;
  staffRepository: StaffRepository;
  clock: Clock;
}) {
  return {
    kpiReports: createKpiReports({
      kpisRepository: createKpisRepository({ db: reportsDb }),
      clock,
      categoryIds: categories.list.map((category) => category.id),
    }),
    hotspotReports: createHotspotReports({
      hotspotsRepository: createHotspotsRepository({ db: reportsDb }),
      campaigns,
      places,
      clock,
      zone,
    }),
    // On the report handle and cached: a public page anyone may load must not load the server.
    publicFigures: createPublicFigures({
      publicRepository: createPublicRepository({ db: reportsDb }),
      categories,
      places,
      clock,
      zone,
    }),
    dutyGapReports: createDutyGapReports({
      rosterService,
      staffRepository,
      reportsRepository: createReportsRepository({ db: reportsDb }),
      clock,
      zone,
    }),
    // On the report handle, as the KPIs it shares its counts with.
    staffAppraisals: createStaffAppraisals({
      kpisRepository: createKpisRepository({ db: reportsDb }),
      appraisalRepository: createAppraisalRepository({ db: reportsDb }),
      reportsRepository: createReportsRepository({ db: reportsDb }),
      rosterService,
      staffRepository,
      clock,
      zone,
    }),
  };
}
