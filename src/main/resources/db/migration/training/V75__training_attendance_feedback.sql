-- TRN-2 / HLT-2 "negative training feedback": each attendee may rate the session 1-5 (how useful it
-- was) when attendance is recorded; health averages the ratings of the sessions held.
alter table training_attendance add column feedback int check (feedback between 1 and 5);

-- training: the published view gains the rating (a new last column; the earlier ones are unchanged).
create or replace view training_attendance_v as
select s.project_id, s.id as session_id, t.attendee, t.attended, t.completed, s.status = 'DONE' as session_done,
       t.feedback
from training_attendance t join training_session s on s.id = t.session_id
where s.status <> 'CANCELLED';
