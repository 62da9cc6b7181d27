-- VAL-1 / VAL-4: success-criteria templates per product type and use case, and the quick-win idea library
-- (30/60/90 days), editable by admins, in the three languages; seeded with the seeds' own examples. A
-- template becomes a project's criterion in the account's language; an idea names a planned quick win.
create table success_criterion_template (
  id              uuid primary key,
  product_type    text check (product_type in ('DAILY','WEEKLY','PERIODIC')), -- null: any product type
  use_case        jsonb not null,   -- {"en", "id", "ms"}
  kpi             jsonb not null,
  kind            text not null check (kind in ('QUANTITATIVE','QUALITATIVE')),
  unit            text,
  evidence_method jsonb,
  position        int not null,
  updated_by      text,
  updated_at      timestamptz not null
);

create table quick_win_idea (
  id           uuid primary key,
  horizon_days int not null check (horizon_days in (30, 60, 90)),
  title        jsonb not null,
  position     int not null,
  updated_by   text,
  updated_at   timestamptz not null
);

insert into success_criterion_template (id, product_type, use_case, kpi, kind, unit, evidence_method, position, updated_at) values
  (gen_random_uuid(), null,
   '{"en": "Invoice approval automation", "id": "Otomatisasi persetujuan faktur", "ms": "Automasi kelulusan invois"}',
   '{"en": "Average invoice processing time", "id": "Rata-rata waktu pemrosesan faktur", "ms": "Purata masa pemprosesan invois"}',
   'QUANTITATIVE', 'days',
   '{"en": "Average over a sample of invoices (e.g. 50) against the baseline, confirmed by the customer", "id": "Rata-rata dari sampel faktur (mis. 50) dibandingkan baseline, dikonfirmasi pelanggan", "ms": "Purata daripada sampel invois (cth. 50) berbanding baseline, disahkan oleh pelanggan"}',
   10, now()),
  (gen_random_uuid(), null,
   '{"en": "Sales pipeline management", "id": "Manajemen pipeline penjualan", "ms": "Pengurusan pipeline jualan"}',
   '{"en": "Forecast variance", "id": "Varians perkiraan", "ms": "Varians ramalan"}',
   'QUANTITATIVE', '%',
   '{"en": "Forecast against actuals for the quarter, from the CRM report", "id": "Perkiraan dibandingkan aktual kuartal ini, dari laporan CRM", "ms": "Ramalan berbanding sebenar bagi suku tahun, daripada laporan CRM"}',
   20, now()),
  (gen_random_uuid(), null,
   '{"en": "Sales pipeline management", "id": "Manajemen pipeline penjualan", "ms": "Pengurusan pipeline jualan"}',
   '{"en": "Every active opportunity is tracked in the product", "id": "Semua peluang aktif dilacak di produk", "ms": "Semua peluang aktif dijejak dalam produk"}',
   'QUALITATIVE', null,
   '{"en": "Pipeline report and the sales lead''s confirmation", "id": "Laporan pipeline dan konfirmasi kepala penjualan", "ms": "Laporan pipeline dan pengesahan ketua jualan"}',
   30, now()),
  (gen_random_uuid(), 'DAILY',
   '{"en": "Team adoption", "id": "Adopsi tim", "ms": "Penerimaan pasukan"}',
   '{"en": "Weekly active users (share of licensed seats)", "id": "Pengguna aktif mingguan (porsi dari lisensi)", "ms": "Pengguna aktif mingguan (bahagian daripada lesen)"}',
   'QUANTITATIVE', '%',
   '{"en": "Usage data: users active in the week over licensed seats", "id": "Data penggunaan: pengguna aktif dalam seminggu dibagi lisensi", "ms": "Data penggunaan: pengguna aktif dalam seminggu dibahagi lesen"}',
   40, now()),
  (gen_random_uuid(), 'WEEKLY',
   '{"en": "Team adoption", "id": "Adopsi tim", "ms": "Penerimaan pasukan"}',
   '{"en": "Users active in the last 30 days (share of licensed seats)", "id": "Pengguna aktif dalam 30 hari terakhir (porsi dari lisensi)", "ms": "Pengguna aktif dalam 30 hari terakhir (bahagian daripada lesen)"}',
   'QUANTITATIVE', '%',
   '{"en": "Usage data over the last 30 days", "id": "Data penggunaan 30 hari terakhir", "ms": "Data penggunaan 30 hari terakhir"}',
   50, now()),
  (gen_random_uuid(), 'PERIODIC',
   '{"en": "Period close", "id": "Tutup periode", "ms": "Tutup tempoh"}',
   '{"en": "The period closed entirely in the product", "id": "Periode ditutup sepenuhnya di produk", "ms": "Tempoh ditutup sepenuhnya dalam produk"}',
   'QUALITATIVE', null,
   '{"en": "The period''s report from the product and the process owner''s confirmation", "id": "Laporan periode dari produk dan konfirmasi pemilik proses", "ms": "Laporan tempoh daripada produk dan pengesahan pemilik proses"}',
   60, now()),
  (gen_random_uuid(), null,
   '{"en": "Reporting", "id": "Pelaporan", "ms": "Pelaporan"}',
   '{"en": "Hours spent each week on the manual report", "id": "Jam per minggu untuk laporan manual", "ms": "Jam seminggu untuk laporan manual"}',
   'QUANTITATIVE', 'hours',
   '{"en": "Time the report owner spends, before and after automating it", "id": "Waktu pemilik laporan, sebelum dan sesudah diotomatisasi", "ms": "Masa pemilik laporan, sebelum dan selepas diautomasikan"}',
   70, now());

insert into quick_win_idea (id, horizon_days, title, position, updated_at) values
  (gen_random_uuid(), 30, '{"en": "Automate one manual report", "id": "Otomatiskan satu laporan manual", "ms": "Automasikan satu laporan manual"}', 10, now()),
  (gen_random_uuid(), 30, '{"en": "Remove one repetitive task", "id": "Hilangkan satu tugas berulang", "ms": "Hapuskan satu tugas berulang"}', 20, now()),
  (gen_random_uuid(), 30, '{"en": "Give visibility into one process", "id": "Tingkatkan visibilitas ke satu proses", "ms": "Tingkatkan keterlihatan satu proses"}', 30, now()),
  (gen_random_uuid(), 30, '{"en": "Connect two systems that were disconnected", "id": "Hubungkan dua sistem yang sebelumnya terputus", "ms": "Sambungkan dua sistem yang sebelum ini terputus"}', 40, now()),
  (gen_random_uuid(), 60, '{"en": "Complete one use case end to end", "id": "Lengkapi satu use case end-to-end", "ms": "Lengkapkan satu kes penggunaan dari awal hingga akhir"}', 10, now()),
  (gen_random_uuid(), 60, '{"en": "A measurable improvement in one metric", "id": "Peningkatan terukur dalam satu metrik", "ms": "Peningkatan boleh diukur dalam satu metrik"}', 20, now()),
  (gen_random_uuid(), 60, '{"en": "Onboard one full department", "id": "Onboard satu departemen penuh", "ms": "Onboard satu jabatan sepenuhnya"}', 30, now()),
  (gen_random_uuid(), 60, '{"en": "Launch one new capability or workflow", "id": "Luncurkan satu kemampuan atau alur kerja baru", "ms": "Lancarkan satu keupayaan atau aliran kerja baharu"}', 40, now()),
  (gen_random_uuid(), 90, '{"en": "Reach 50 % of the business goal''s target", "id": "Capai 50% dari target tujuan bisnis", "ms": "Capai 50% daripada sasaran matlamat perniagaan"}', 10, now()),
  (gen_random_uuid(), 90, '{"en": "Measurable ROI from the first deployment", "id": "ROI terukur dari penerapan awal", "ms": "ROI boleh diukur daripada pelaksanaan awal"}', 20, now()),
  (gen_random_uuid(), 90, '{"en": "One key business process transformed", "id": "Satu proses bisnis utama ditransformasikan", "ms": "Satu proses perniagaan utama ditransformasikan"}', 30, now()),
  (gen_random_uuid(), 90, '{"en": "A success story executives can see", "id": "Kisah sukses yang terlihat oleh eksekutif", "ms": "Kisah kejayaan yang dapat dilihat oleh eksekutif"}', 40, now());
