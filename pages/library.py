"""Планы: load a new plan (checked in a worker, previewed, then stored), choose one, compare two.

Anyone may view, choose a plan for themselves and compare; uploading, deleting and choosing the
department's default plan need an editor (`smolplan.access`).
"""

import streamlit as st

from pages import _shared as shared
from pages._report import show_report
from smolplan import PlanReadError
from smolplan.access import OIDC, PASSWORD, access_mode, is_editor, password_matches
from smolplan.counts import events_table_ru
from smolplan.plan_diff import compare_plans
from smolplan.plan_library import (
    BUNDLED_KEY, add_plan, comparison_pair, default_key, delete_plan, list_plans, resolve, set_default,
)
from smolplan.sandbox import preview_plan


def secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml at all, or one that does not parse: single-user mode
        return {}


def editor_controls(settings: dict) -> bool:
    """Whether this user is an editor, with the sign-in control of the configured mode."""
    mode = access_mode(settings)
    if mode == OIDC:
        if not st.user.get("is_logged_in", False):  # absent where no sign-in ran (AppTest, a fresh session)
            st.button("Войти", on_click=st.login, icon=":material/login:")
            return False
        email = st.user.get("email")
        allowed = is_editor(settings, email=email)
        st.caption(f"Вы вошли как {shared.plain(email or 'пользователь без e-mail')}"
                   + ("" if allowed else ": вы можете смотреть и выгружать планы, изменять их могут редакторы."))
        st.button("Выйти", on_click=st.logout, icon=":material/logout:")
        return allowed
    if mode == PASSWORD:
        if st.session_state.get("_editor"):
            return True
        with st.form("editor_login", border=False):
            password = st.text_input("Пароль редактора", type="password")
            if st.form_submit_button("Войти как редактор"):
                if password_matches(password, settings["smolplan"]["editor_password_hash"]):
                    st.session_state["_editor"] = True
                    st.rerun()
                st.error("Пароль не подходит.")
        return False
    return is_editor(settings)


def preview(upload):
    """The upload read in the worker process, once per file (reruns reuse it)."""
    cached = st.session_state.get("_preview")
    if cached and cached[0] == upload.file_id:
        return cached[1]
    try:
        result = preview_plan(upload.getvalue(), upload.name)
    except PlanReadError as error:
        result = error
    st.session_state["_preview"] = (upload.file_id, result)
    return result


shared.ensure_app_ran()
st.title("Планы")
settings = secrets()
current = resolve(st.session_state.get("_plan_key"))
entries = list_plans()
labels = {e.key: e.label for e in entries}
everyone = default_key()
st.caption(f"Сейчас показан: {shared.plain(current.label)}")
st.caption(f"По умолчанию для всех: {shared.plain(labels.get(everyone, labels[BUNDLED_KEY]))}")

st.subheader("Выбрать план")
if shared.plan_is_pinned():
    st.info(f"Приложение запущено с планом {shared.plain(shared.plan_path().name)} (SMOLPLAN_PLAN): "
            "выбор здесь не меняет показанный план.")
chosen = st.selectbox("План", list(labels), index=list(labels).index(current.key), format_func=labels.get,
                      help="Выбор действует только для вас: он сохраняется в ссылке и в этой вкладке.")
if chosen != current.key:
    st.query_params["plan"] = chosen
    st.rerun()

st.subheader("Загрузить новый план")
editor = editor_controls(settings)
if editor and current.key != everyone:
    if st.button("Сделать показанный план планом по умолчанию для всех"):
        set_default(current.key)
        st.rerun()
if editor and not current.bundled:
    with st.popover("Удалить показанный план", icon=":material/delete:"):
        st.write(f"План {shared.plain(current.label)} будет удалён из библиотеки.")
        if st.button("Да, удалить", type="primary"):
            delete_plan(current.key)
            st.session_state.pop("_plan_key", None)
            st.query_params.pop("plan", None)
            st.rerun()
if not editor:
    st.info("Загружать, удалять планы и выбирать план по умолчанию для всех могут только редакторы.")
else:
    st.caption("Word (.docx; .doc и .odt — через LibreOffice), PDF с текстовым слоем, текстовая выгрузка (.txt), "
               "Excel (.xlsx) или CSV с колонками плана. "
               "Файл сначала проверяется; сохранится он только после подтверждения.")
    upload = shared.plan_uploader("Файл плана")
    if upload is not None:
        with st.spinner("Проверяю файл…"):
            result = preview(upload)
        if isinstance(result, PlanReadError):
            st.error(f"План не прочитан, текущий план не изменился. {shared.plain(result.message)}")
        else:
            st.success(f"Прочитано мероприятий: {len(result.events)}. {shared.plain(result.title)}")
            show_report(result, key="preview")
            shared.data_table(events_table_ru(result.events), height=300)
            audience = st.radio("Кому показывать этот план", ["me", "everyone"], horizontal=True,
                                format_func={"everyone": "для всех (план по умолчанию)",
                                             "me": "только для меня (в ссылке и этой вкладке)"}.get)
            if st.button("Сделать текущим планом", type="primary"):
                try:
                    entry, _ = add_plan(upload.name, upload.getvalue(), checked=result)
                    if audience == "everyone":
                        set_default(entry.key)
                except (PlanReadError, OSError) as error:
                    message = error.message if isinstance(error, PlanReadError) else "файл не записан на диск"
                    st.error(f"План не сохранён: {shared.plain(message)}")
                else:
                    st.session_state["_compare"] = (current.key, entry.key)
                    st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1
                    st.session_state.pop("_preview", None)
                    st.query_params["plan"] = entry.key
                    st.rerun()

if len(entries) > 1:
    st.subheader("Сравнить два плана")
    left, right = st.columns(2)
    keys = list(labels)
    before, after = st.session_state.get("_compare") or comparison_pair(entries, current.key)
    before, after = (before if before in keys else keys[0]), (after if after in keys else keys[0])
    old_key = left.selectbox("Был", keys, index=keys.index(before), format_func=labels.get, key="old_plan")
    new_key = right.selectbox("Стал", keys, index=keys.index(after), format_func=labels.get, key="new_plan")
    try:
        old, new = shared.load_entry(resolve(old_key)), shared.load_entry(resolve(new_key))
    except PlanReadError as error:
        st.error(shared.plain(error.message))
    else:
        diff = compare_plans(old.events, new.events)
        st.markdown(f"Добавлено: **{len(diff['added'])}**, исключено: **{len(diff['removed'])}**, "
                    f"изменено: **{len(diff['changed'])}**")
        for key, title in (("added", "Добавлены"), ("removed", "Исключены"), ("changed", "Изменены")):
            with st.expander(f"{title}: {len(diff[key])}", expanded=key == "changed"):
                shared.data_table(diff[key])
        side_left, side_right = st.columns(2)
        with side_left:
            shared.data_table(diff["spheres"])
        with side_right:
            shared.data_table(diff["countries"])
