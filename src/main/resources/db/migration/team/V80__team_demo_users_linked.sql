-- team: the demo's staff users sign in as these team members (csm is Citra Kusuma, manager is Maya Sari,
-- specialist is Iwan Setiawan, trainer is Tari Anggraini), so what the automation hands to the member reaches
-- the user's inbox. Only on a database holding the demo data, and only where nobody linked the member yet.
update team_member m set user_id = u.user_id
from identity_user_v u, (values ('citra.kusuma@onward.example', 'citra@onward.example'),
                                ('maya.sari@onward.example', 'maya@onward.example'),
                                ('iwan.setiawan@onward.example', 'iwan@onward.example'),
                                ('tari.anggraini@onward.example', 'tari@onward.example')) as demo(member_email, user_email)
where m.user_id is null and lower(m.email) = demo.member_email and lower(u.email) = demo.user_email;
