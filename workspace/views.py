"""A person's home, their clusters and a cluster's page: they compose clusters, grid, plans and
reports."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.forms import NewAccountForm
from clusters import invitations
from clusters.access import membership_for, memberships_of, require_role
from clusters.forms import ClusterProfileForm, InvitationForm, RoleForm
from clusters.models import Invitation, Membership
from clusters.services import cluster_profile_update
from grid import selectors, services
from grid.forms import StartAssessmentForm
from grid.presenters import percent, sparkline
from guide.views import home as guide_home
from plans.selectors import late_counts

from .home import person_home


@require_safe
def home(request):
    """`/`: the guide's home for visitors; once logged in, what the person has to do."""
    if not request.user.is_authenticated:
        return guide_home(request)
    return render(request, "workspace/home.html",
                  person_home(request.user, timezone.localdate()))


@login_required
@require_safe
def cluster_list(request):
    """Each cluster's current year, its status and note, and what waits in it."""
    memberships = list(memberships_of(request.user))
    ids = [membership.cluster_id for membership in memberships]
    years = selectors.current_years(ids)
    late = late_counts(ids, timezone.localdate())
    rows = [(membership, years.get(membership.cluster_id), late.get(membership.cluster_id, 0))
            for membership in memberships]
    networks = list(request.user.coordinated_networks.all())
    return render(request, "workspace/cluster_list.html", {"rows": rows, "networks": networks})


@login_required
@require_safe
def cluster_detail(request, slug):
    membership = membership_for(request.user, slug)
    rows = selectors.cluster_overview(membership)
    returns = selectors.last_returns([row.assessment for row in rows])
    trend = sparkline([(row.assessment.campaign.year, row.global_value) for row in reversed(rows)])
    cluster = membership.cluster
    profile = (cluster.get_kind_display(), cluster.get_region_display(), cluster.get_size_display())
    context = {
        "membership": membership,
        "cluster": cluster,
        "profile_summary": " · ".join(str(part) for part in profile if part),
        "rows": rows,
        "is_editor": membership.role == Membership.Role.EDITOR,
        "returns": [
            (row.assessment, step) for row in rows
            if (step := returns.get(row.assessment.pk))
        ],
        "trend": trend,
        "start_form": StartAssessmentForm(campaigns=selectors.open_campaigns(membership)),
        "percent": percent,
    }
    return render(request, "workspace/cluster_detail.html", context)


@login_required
@require_POST
def assessment_start(request, slug):
    membership = membership_for(request.user, slug)
    require_role(membership, Membership.Role.EDITOR)
    form = StartAssessmentForm(request.POST, campaigns=selectors.open_campaigns(membership))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("workspace:cluster-detail", slug=slug)
    try:
        assessment = services.assessment_start(
            cluster=membership.cluster, year=form.cleaned_data["year"], by=request.user,
            prefill=form.cleaned_data["prefill"], carry_files=form.cleaned_data["carry_files"],
        )
    except services.AssessmentExists as exists:  # started by someone else a moment ago: theirs
        messages.info(request, " ".join(exists.messages))
        assessment = exists.assessment
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workspace:cluster-detail", slug=slug)
    return redirect("grid:grid", slug=slug, year=assessment.campaign.year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cluster_profile(request, slug):
    """The cluster's profile: its staff change it, its board reads it (DESIGN §8)."""
    membership = membership_for(request.user, slug)
    cluster = membership.cluster
    is_editor = membership.role == Membership.Role.EDITOR
    status = 200
    if request.method == "POST":
        require_role(membership, Membership.Role.EDITOR)
        form = ClusterProfileForm(request.POST)
        if form.is_valid():
            try:
                cluster_profile_update(cluster=cluster, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Profil du pôle enregistré."))
                return redirect("workspace:cluster-detail", slug=slug)
        status = 400
    else:
        form = ClusterProfileForm(initial=ClusterProfileForm.initial_of(cluster))
    context = {"membership": membership, "cluster": cluster, "form": form,
               "is_editor": is_editor, "sectors": list(cluster.sectors.all())}
    return render(request, "workspace/cluster_profile.html", context, status=status)


# --- a cluster's people: its editors manage them, its board reads the list ---


def _members_page(request, membership, form, status=200):
    cluster = membership.cluster
    context = {
        "membership": membership, "cluster": cluster, "form": form,
        "is_editor": membership.role == Membership.Role.EDITOR,
        # The team (« editor ») before the board (« board »).
        "members": list(cluster.memberships.select_related("user")
                        .order_by("-role", "user__last_name", "user__first_name")),
        "invitations": invitations.pending(cluster), "history": invitations.history(cluster),
        "role_choices": Membership.Role.choices, "now": timezone.now(),
    }
    return render(request, "workspace/cluster_members.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def members(request, slug):
    """The members, their roles and the invitations waiting; an editor's POST invites."""
    membership = membership_for(request.user, slug)
    if request.method != "POST":
        return _members_page(request, membership, InvitationForm(roles=Membership.Role.choices))
    require_role(membership, Membership.Role.EDITOR)
    form = InvitationForm(request.POST, roles=Membership.Role.choices)
    if form.is_valid():
        try:
            invitation = invitations.invitation_create(target=membership.cluster, by=request.user,
                                                       **form.cleaned_data)
        except ValidationError as error:
            form.add_error("email", error.messages)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s.")
                             % {"email": invitation.email})
            return redirect("workspace:members", slug=slug)
    return _members_page(request, membership, form, status=400)


def _editor_change(request, slug, change, done: str):
    """Run `change(membership)` for an editor of the cluster; its refusal as a message."""
    membership = membership_for(request.user, slug)
    require_role(membership, Membership.Role.EDITOR)
    try:
        change(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("workspace:members", slug=slug)


@login_required
@require_POST
def member_role(request, slug, pk):
    def change(membership):
        member = get_object_or_404(Membership, pk=pk, cluster=membership.cluster)
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(form.errors["role"])
        invitations.role_change(membership=member, role=form.cleaned_data["role"],
                                by=request.user)
    return _editor_change(request, slug, change, _("Rôle enregistré."))


@login_required
@require_POST
def member_remove(request, slug, pk):
    def change(membership):
        member = get_object_or_404(Membership, pk=pk, cluster=membership.cluster)
        invitations.member_remove(membership=member, by=request.user)
    return _editor_change(request, slug, change, _("Personne retirée du pôle."))


def _open_invitation(membership, pk):
    return get_object_or_404(Invitation, pk=pk, cluster=membership.cluster)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    def change(membership):
        invitations.invitation_resend(invitation=_open_invitation(membership, pk),
                                      by=request.user)
    return _editor_change(request, slug, change,
                          _("Invitation envoyée à nouveau : le nouveau lien vaut 7 jours."))


@login_required
@require_POST
def invitation_cancel(request, slug, pk):
    def change(membership):
        invitations.invitation_cancel(invitation=_open_invitation(membership, pk),
                                      by=request.user)
    return _editor_change(request, slug, change, _("Invitation annulée."))


# --- the invitation's link (/comptes/invitation/<token>/, served by config's URLconf) ---


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request, token):
    """A new person sets their name and password; a person with an account, logged in, accepts.
    Logged in as someone else: refused (403), with a way to log out. A used, cancelled or expired
    link: a page that says so (410), an unknown one 404."""
    try:
        invitation = invitations.invitation_open(token)
    except invitations.InvitationUnusable as refusal:
        return render(request, "workspace/invitation_unusable.html",
                      {"reason": refusal.message},
                      status=404 if refusal.invitation is None else 410)
    account = invitations.account_of(invitation)
    user = request.user if request.user.is_authenticated else None
    context = {"invitation": invitation, "target": invitation.target, "account": account}
    if user is not None and (user.email or "").lower() != invitation.email:
        return render(request, "workspace/invitation_accept.html",
                      {**context, "someone_else": True}, status=403)
    form = None
    if account is None:
        form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (user is not None or form is not None):
        try:
            if user is not None:
                invitations.invitation_accept(invitation=invitation, user=user)
            elif form.is_valid():
                user = invitations.account_create(
                    invitation=invitation, first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"], language=get_language())
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise ValidationError([])
        except invitations.InvitationUnusable as refusal:
            return render(request, "workspace/invitation_unusable.html",
                          {"reason": refusal.message}, status=410)
        except ValidationError as error:
            if form is not None:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                messages.error(request, " ".join(error.messages))
            return render(request, "workspace/invitation_accept.html",
                          {**context, "form": form}, status=400)
        messages.success(request, _("Bienvenue : vous faites maintenant partie de %(target)s.")
                         % {"target": invitation.target})
        return redirect(invitation.target.get_absolute_url())
    return render(request, "workspace/invitation_accept.html", {**context, "form": form})
