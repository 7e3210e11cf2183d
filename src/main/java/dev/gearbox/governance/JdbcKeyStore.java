package dev.gearbox.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/** Keys in the ledger's database ({@code virtual_keys}, created by the ledger's migrations), shared by every replica. */
public final class JdbcKeyStore implements KeyStore {
    private final DataSource ds;

    public JdbcKeyStore(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public void create(VirtualKey k) {
        String sql = "INSERT INTO virtual_keys (id, name, team, tier, allowed, rpm, tpm, daily_usd, monthly_usd, created_at, "
                + "revoked_at, secret_hash, mode) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, k.id());
            ps.setString(2, k.name());
            ps.setString(3, k.team());
            ps.setString(4, k.tier());
            ps.setString(5, String.join(",", k.allowed()));
            ps.setInt(6, k.rpm());
            ps.setInt(7, k.tpm());
            ps.setDouble(8, k.dailyUsd());
            ps.setDouble(9, k.monthlyUsd());
            ps.setLong(10, k.createdAt());
            if (k.revokedAt() == null) ps.setNull(11, java.sql.Types.BIGINT);
            else ps.setLong(11, k.revokedAt());
            ps.setString(12, k.secretHash());
            ps.setString(13, k.mode());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the key: " + e.getMessage(), e);
        }
    }

    @Override
    public List<VirtualKey> list() {
        String sql = "SELECT id, name, team, tier, allowed, rpm, tpm, daily_usd, monthly_usd, created_at, revoked_at, secret_hash, mode "
                + "FROM virtual_keys ORDER BY created_at, id";
        List<VirtualKey> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String allowed = rs.getString(5);
                long revoked = rs.getLong(11);
                Long revokedAt = rs.wasNull() ? null : revoked;
                out.add(new VirtualKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        allowed == null || allowed.isBlank() ? List.of() : Arrays.asList(allowed.split(",")),
                        rs.getInt(6), rs.getInt(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10), revokedAt, rs.getString(12),
                        rs.getString(13)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the keys: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public boolean revoke(String id, long epochMillis) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE virtual_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, epochMillis);
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke the key: " + e.getMessage(), e);
        }
    }
}
